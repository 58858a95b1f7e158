using System.ComponentModel;
using ImdbSentiment.Cli.Internal;
using ImdbSentiment.Interop;
using ImdbSentiment.Runtime;
using ImdbSentiment.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ImdbSentiment.Cli.Commands;

[Description("Build a model bundle from PyTorch weights: a state_dict, its vocabulary, and the preset it was built as.")]
internal sealed class ImportCommand(CliConsole console) : Command<ImportSettings>
{
    public override int Execute(CommandContext context, ImportSettings settings, CancellationToken cancellationToken)
    {
        NativeRuntime.EnsureLoaded();
        var imported = PyTorchImporter.Import(settings.StateDict!, settings.Vocab!, Presets.Get(settings.Preset!), settings.Out!, settings.LabelList());
        console.Out.MarkupLine(Markup.Escape(
            $"model: {imported.BundlePath} ({imported.Preset}: {imported.Model.Describe()}; {imported.Entries.Count} tensors)"));
        return ExitCodes.Success;
    }
}
