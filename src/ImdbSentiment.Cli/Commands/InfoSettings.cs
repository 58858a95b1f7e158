using ImdbSentiment.Cli.Internal;
using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ImdbSentiment.Cli.Commands;

internal sealed class InfoSettings : CommonSettings
{
    [CommandOption("--model <PATH>")]
    [Description("A model bundle to describe.")]
    public string? Model { get; init; }

    [CommandOption("--preset <NAME>")]
    [Description("Describe a preset's untrained model instead (needs --vocab-size).")]
    public string? Preset { get; init; }

    [CommandOption("--vocab-size <N>")]
    [Description("The vocabulary size for --preset (the tutorial's was 18,961).")]
    public int? VocabularySize { get; init; }

    [CommandOption("--json")]
    [Description("Print one JSON object.")]
    public bool Json { get; init; }

    public override ValidationResult Validate()
    {
        if (Preset is null)
        {
            return VocabularySize is null ? ValidationResult.Success() : ValidationResult.Error("--vocab-size goes with --preset");
        }

        if (Model is not null)
        {
            return ValidationResult.Error("give either --model or --preset, not both");
        }

        if (OptionChecks.Preset(Preset) is { } badPreset)
        {
            return badPreset;
        }

        return VocabularySize is null or < 2 ? ValidationResult.Error("--preset needs --vocab-size N with N ≥ 2") : ValidationResult.Success();
    }
}
