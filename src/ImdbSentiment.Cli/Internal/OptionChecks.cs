using ImdbSentiment.Training;
using Spectre.Console;

namespace ImdbSentiment.Cli.Internal;

/// <summary>Checks shared by several commands' settings; each returns null when the value is fine.</summary>
internal static class OptionChecks
{
    public static ValidationResult? Preset(string? name) =>
        name is not null && Presets.All.Any(p => p.Name == name)
            ? null
            : ValidationResult.Error($"--preset must be one of {string.Join(", ", Presets.All.Select(p => p.Name))}");

    public static ValidationResult? InteropFormat(string? format) => format switch
    {
        null => ValidationResult.Error("--format is required (pytorch)"),
        "pytorch" => null,
        _ => ValidationResult.Error($"--format must be pytorch, not '{format}'"),
    };
}
