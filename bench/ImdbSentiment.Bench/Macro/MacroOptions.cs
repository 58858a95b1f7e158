using System.Globalization;
using ImdbSentiment.Persistence;

namespace ImdbSentiment.Bench.Macro;

/// <summary>Options shared by the macro benchmarks.</summary>
/// <param name="DataPath">The IMDb archive or folder (--data, else IMDB_SENTIMENT_DATA).</param>
/// <param name="Threads">libtorch intra-op threads (--threads, default 2).</param>
/// <param name="Repeat">How many timed repetitions (--repeat, default 3); the best is reported with the rest.</param>
/// <param name="Extra">Benchmark-specific --name value pairs.</param>
internal sealed record MacroOptions(string? DataPath, int Threads, int Repeat, IReadOnlyDictionary<string, string> Extra)
{
    /// <summary>Whether --data names an existing archive or folder.</summary>
    public bool HasData => !string.IsNullOrEmpty(DataPath) && (File.Exists(DataPath) || Directory.Exists(DataPath));

    /// <summary>The data path, or an error naming the benchmark and the option.</summary>
    public string RequireData(string benchmark) => HasData
        ? DataPath!
        : throw new InvalidOperationException($"{benchmark}: pass --data PATH (or set IMDB_SENTIMENT_DATA) to the IMDb .tar.gz archive");

    public string? String(string name) => Extra.TryGetValue(name, out var value) ? value : null;

    public string String(string name, string fallback) => String(name) ?? fallback;

    public int Int(string name, int fallback) => String(name) is { } text ? ParseInt(name, text) : fallback;

    /// <summary>--precision fp32 or bf16; <paramref name="fallback"/> (fp32 unless given) when absent.</summary>
    public Models.Precision Precision(Models.Precision fallback = Models.Precision.Float32) => String("precision") switch
    {
        null => fallback,
        var text => Models.PrecisionNames.Parse(text) ?? throw new ArgumentException($"--precision must be fp32 or bf16, not {text}"),
    };

    /// <summary>
    /// The preset's training options for a real run of <paramref name="epochs"/> with --threads, --precision,
    /// --recompute-segment (0 turns recomputation off) and --recompute-above (megabytes) overriding the preset's.
    /// </summary>
    public Persistence.TrainingOptions Training(Training.Preset preset, int epochs) => preset.Training with
    {
        Epochs = epochs,
        Threads = Threads,
        Precision = Precision(preset.Training.Precision),
        RecomputeSegment = OptionalInt("recompute-segment") is { } segment ? (segment == 0 ? null : segment) : preset.Training.RecomputeSegment,
        RecomputeAboveMegabytes = OptionalInt("recompute-above") ?? preset.Training.RecomputeAboveMegabytes,
    };

    /// <summary>--execution default|plain|no-ROUTE,… (as IMDB_SENTIMENT_EXECUTION), with --threads workers.</summary>
    public Execution.ExecutionOptions Execution() => ImdbSentiment.Execution.ExecutionOptions.Parse(String("execution"), Threads);

    public int? OptionalInt(string name) => String(name) is { } text ? ParseInt(name, text) : null;

    public double Double(string name, double fallback) => String(name) is { } text
        ? double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ArgumentException($"--{name} must be a number, not '{text}'", name)
        : fallback;

    /// <summary>A comma-separated list of integers, e.g. <c>--batch-sizes 64,256,1024</c>.</summary>
    public int[] Ints(string name, params int[] fallback) => String(name) is { } text
        ? [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(t => ParseInt(name, t))]
        : fallback;

    private static int ParseInt(string name, string text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ArgumentException($"--{name} must be an integer, not '{text}'", name);
}
