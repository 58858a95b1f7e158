using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using ImdbSentiment.Bench.Macro.Internal;

namespace ImdbSentiment.Bench.Macro;

/// <summary>
/// <c>sentiment predict --model X "…"</c> as a fresh process, <c>--repeat</c> times (default 3; one untimed run
/// first warms the OS file cache): wall-clock p50 and min, and the model's load + score time the process reports
/// (<c>--timings</c>). The CLI is found by <see cref="CliLocator"/>; the model is <c>--model</c> or an untrained
/// <c>--preset</c> (default seed-gru) as in predict-latency, on <c>--engine</c> libtorch (default) or onnx.
/// </summary>
internal sealed partial class ColdPredictBenchmark : IMacroBenchmark
{
    public string Name => "cold-predict";

    public string Description => "`sentiment predict \"…\"` as a cold process (wall seconds, p50)";

    public IReadOnlyDictionary<string, object> Run(MacroOptions options)
    {
        var cli = CliLocator.Find(options);
        using var model = BenchModel.Resolve(options);
        var text = options.String("text", Reviews.Short);
        var runs = Math.Max(1, options.Repeat);
        string output = string.Empty;
        var times = new List<double>();
        var modelTimes = new List<double>();
        var modelPath = model.PathFor(options);
        for (var r = 0; r <= runs; r++)
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { cli, "predict", "--json", "--timings", "--model", modelPath, "--threads", options.Threads.ToString(System.Globalization.CultureInfo.InvariantCulture), text })
            {
                start.ArgumentList.Add(argument);
            }

            var clock = Stopwatch.StartNew();
            using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start dotnet");
            var stderr = process.StandardError.ReadToEndAsync();
            output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            var seconds = clock.Elapsed.TotalSeconds;
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"sentiment predict failed ({process.ExitCode}): {stderr.Result}");
            }

            if (r > 0)
            {
                times.Add(seconds);
                var timings = Timings().Match(stderr.Result);
                if (timings.Success)
                {
                    modelTimes.Add(double.Parse(timings.Groups[1].Value, CultureInfo.InvariantCulture) + double.Parse(timings.Groups[2].Value, CultureInfo.InvariantCulture));
                }
            }
        }

        return new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["cli"] = cli,
            ["model_source"] = model.Source,
            ["runs"] = times.Count,
            ["p50_wall_seconds"] = Stats.Round(Stats.Median(times)),
            ["min_wall_seconds"] = Stats.Round(times.Min()),
            ["max_wall_seconds"] = Stats.Round(times.Max()),
            ["engine"] = BenchModel.Engine(options),
            ["p50_model_load_and_score_ms"] = modelTimes.Count > 0 ? Stats.Round(Stats.Median(modelTimes)) : double.NaN,
            ["min_model_load_and_score_ms"] = modelTimes.Count > 0 ? Stats.Round(modelTimes.Min()) : double.NaN,
            ["max_model_load_and_score_ms"] = modelTimes.Count > 0 ? Stats.Round(modelTimes.Max()) : double.NaN,
            ["output"] = output.Trim(),
        };
    }

    [GeneratedRegex(@"model loaded in ([0-9.]+) ms, texts read and scored in ([0-9.]+) ms")]
    private static partial Regex Timings();
}
