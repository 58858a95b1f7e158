using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ImdbSentiment.Cli.Commands;

internal sealed class DataSettings : DatasetSettings
{
    [CommandOption("--min-freq <N>")]
    [Description("Vocabulary minimum frequency.")]
    [DefaultValue(10)]
    public int MinFrequency { get; init; } = 10;

    [CommandOption("--seed <N>")]
    [Description("Seed of the train/validation(/test) split.")]
    [DefaultValue(1234UL)]
    public ulong Seed { get; init; } = 1234;

    [CommandOption("--limit <N>")]
    [Description("Use at most N training (and N test) rows, a seeded subset.")]
    public int? Limit { get; init; }

    [CommandOption("--json")]
    [Description("Print one JSON object.")]
    public bool Json { get; init; }

    public override ValidationResult Validate() => ValidateDataset() ?? this switch
    {
        { MinFrequency: < 1 } => ValidationResult.Error("--min-freq must be ≥ 1"),
        { Limit: < 10 } => ValidationResult.Error("--limit must be ≥ 10"),
        _ => ValidationResult.Success(),
    };
}
