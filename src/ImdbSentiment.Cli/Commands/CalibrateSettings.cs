using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ImdbSentiment.Cli.Commands;

internal sealed class CalibrateSettings : CommonSettings
{
    [CommandOption("--model <PATH>")]
    [Description("The model bundle to calibrate (required).")]
    public string? Model { get; init; }

    [CommandOption("--out <PATH>")]
    [Description("Where to write the calibrated bundle (default: replace --model, atomically).")]
    public string? Out { get; init; }

    [CommandOption("--data <PATH>")]
    [Description("The IMDb archive or folder (default: the model's own source, else as for train).")]
    public string? Data { get; init; }

    [CommandOption("--json")]
    [Description("Print one JSON object.")]
    public bool Json { get; init; }

    public override ValidationResult Validate() => this switch
    {
        { Model: null or "" } => ValidationResult.Error("--model is required: the bundle to calibrate"),
        { Out: { } output } when Directory.Exists(output) => ValidationResult.Error($"--out {output} is a folder; --out names the bundle file to write"),
        _ => ValidationResult.Success(),
    };
}
