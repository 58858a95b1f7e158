using ImdbSentiment.Training;
using Spectre.Console;

namespace ImdbSentiment.Cli.Internal;

/// <summary>Checks shared by several commands' settings; each returns null when the value is fine.</summary>
internal static class OptionChecks
{
    /// <summary>A preset's name, among <paramref name="allowed"/> (every preset when null).</summary>
    public static ValidationResult? Preset(string? name, IEnumerable<Preset>? allowed = null)
    {
        var presets = (allowed ?? Presets.All).ToList();
        return name is not null && presets.Any(p => p.Name == name)
            ? null
            : ValidationResult.Error($"--preset must be one of {string.Join(", ", presets.Select(p => p.Name))}");
    }

    /// <summary>An --out that must be a file: not an existing folder, not ending in a separator.</summary>
    public static ValidationResult? OutputFile(string path, string exampleName) =>
        path.EndsWith(Path.DirectorySeparatorChar) || Directory.Exists(path)
            ? ValidationResult.Error($"--out must name a file, e.g. {Path.Combine(path, exampleName)}")
            : null;

    public static ValidationResult? InteropFormat(string? format, params string[] formats) => format switch
    {
        null => ValidationResult.Error($"--format is required ({string.Join(" or ", formats)})"),
        _ when formats.Contains(format) => null,
        _ => ValidationResult.Error($"--format must be {string.Join(" or ", formats)}, not '{format}'"),
    };
}
