using System.ComponentModel;
using Spectre.Console.Cli;

namespace ImdbSentiment.Cli.Commands;

/// <summary>Options every command accepts.</summary>
internal class CommonSettings : CommandSettings
{
    [CommandOption("--verbose")]
    [Description("Show full exception details on failure.")]
    public bool Verbose { get; init; }
}
