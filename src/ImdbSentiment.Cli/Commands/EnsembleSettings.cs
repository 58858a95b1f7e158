using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ImdbSentiment.Cli.Commands;

internal sealed class EnsembleSettings : CommonSettings
{
    [CommandOption("--member <PATH>")]
    [Description("A trained model bundle to combine; give two or more.")]
    public string[] Members { get; init; } = [];

    [CommandOption("--out <PATH>")]
    [Description("The ensemble bundle to write (required).")]
    public string? Out { get; init; }

    [CommandOption("--data <PATH>")]
    [Description("The IMDb archive or folder (default: the first member's source, else as for train).")]
    public string? Data { get; init; }

    [CommandOption("--json")]
    [Description("Print one JSON object.")]
    public bool Json { get; init; }

    public override ValidationResult Validate() => this switch
    {
        { Members.Length: < 2 } => ValidationResult.Error("give two or more --member bundles to combine"),
        { Out: null or "" } => ValidationResult.Error("--out is required: the ensemble bundle to write"),
        { Out: { } output } when Directory.Exists(output) => ValidationResult.Error($"--out {output} is a folder; --out names the bundle file to write"),
        _ => ValidationResult.Success(),
    };
}
