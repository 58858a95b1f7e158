using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ImdbSentiment.Cli.Commands;

internal sealed class EvaluateSettings : InferenceSettings
{
    [CommandOption("--model <PATH>")]
    [Description("The model bundle (default: IMDB_SENTIMENT_MODEL or the bundled pretrained model).")]
    public string? Model { get; init; }

    [CommandOption("--split <SPLIT>")]
    [Description("test (default) or validation.")]
    [DefaultValue("test")]
    public string Split { get; init; } = "test";

    [CommandOption("--data <PATH>")]
    [Description("The IMDb archive or folder.")]
    public string? Data { get; init; }

    [CommandOption("--limit <N>")]
    [Description("Evaluate on at most N reviews (default: the model's own training limit, else all).")]
    public int? Limit { get; init; }

    [CommandOption("--sentences")]
    [Description("Score single sentences instead of whole reviews: from each 1- or 10-star review of the split, the first sentence that states its label plainly (a verdict word, no negation), to see how the model reads one-sentence texts.")]
    public bool Sentences { get; init; }

    [CommandOption("--json")]
    [Description("Print one JSON object.")]
    public bool Json { get; init; }

    [CommandOption("--plots <DIR>")]
    [Description("Write roc.png, confusion.png and reliability.png into DIR.")]
    public string? Plots { get; init; }

    public override ValidationResult Validate() => base.Validate() is { Successful: false } precision ? precision : this switch
    {
        { Split: not ("test" or "validation") } => ValidationResult.Error("--split must be test or validation"),
        { Limit: < 10 } => ValidationResult.Error("--limit must be ≥ 10"),
        { Plots: { } plots } when File.Exists(plots) => ValidationResult.Error($"--plots {plots} is a file; --plots names the folder to write the plots into"),
        _ => ValidationResult.Success(),
    };
}
