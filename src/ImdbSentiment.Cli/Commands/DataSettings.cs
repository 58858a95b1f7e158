using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ImdbSentiment.Cli.Commands;

internal sealed class DataSettings : CommonSettings
{
    [CommandOption("--data <PATH>")]
    [Description("The IMDb archive or folder (default: IMDB_SENTIMENT_DATA, the cache, or a download of the official archive).")]
    public string? Data { get; init; }

    [CommandOption("--min-freq <N>")]
    [Description("Vocabulary minimum frequency.")]
    [DefaultValue(10)]
    public int MinFrequency { get; init; } = 10;

    [CommandOption("--seed <N>")]
    [Description("Seed of the train/validation split.")]
    [DefaultValue(1234UL)]
    public ulong Seed { get; init; } = 1234;

    [CommandOption("--json")]
    [Description("Print one JSON object.")]
    public bool Json { get; init; }

    public override ValidationResult Validate() =>
        MinFrequency < 1 ? ValidationResult.Error("--min-freq must be ≥ 1") : ValidationResult.Success();
}
