using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ImdbSentiment.Cli.Commands;

internal sealed class UnpackSettings : CommonSettings
{
    [CommandOption("--model <PATH>")]
    [Description("The ensemble bundle to unpack (required).")]
    public string? Model { get; init; }

    [CommandOption("--out <DIR>")]
    [Description("The folder to write member-1.bundle, member-2.bundle, … into (required; created if missing).")]
    public string? Out { get; init; }

    public override ValidationResult Validate() => this switch
    {
        { Model: null or "" } => ValidationResult.Error("--model is required: the ensemble bundle to unpack"),
        { Out: null or "" } => ValidationResult.Error("--out is required: the folder to write the members into"),
        { Out: { } output } when File.Exists(output) => ValidationResult.Error($"--out {output} is a file; --out names a folder"),
        _ => ValidationResult.Success(),
    };
}
