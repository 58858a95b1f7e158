using System.ComponentModel;
using Spectre.Console.Cli;

namespace ImdbSentiment.Cli.Commands;

internal sealed class DoctorSettings : CommonSettings
{
    [CommandOption("--quick")]
    [Description("Skip the numeric checks of the recurrent routes (a few seconds) and only check that everything loads.")]
    public bool Quick { get; init; }

    // The child process doctor starts with ONEDNN_VERBOSE=1 to learn which instruction set oneDNN picked.
    [CommandOption("--probe-onednn", IsHidden = true)]
    public bool ProbeOneDnn { get; init; }
}
