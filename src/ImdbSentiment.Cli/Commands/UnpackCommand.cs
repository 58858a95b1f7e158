using System.ComponentModel;
using ImdbSentiment.Cli.Internal;
using ImdbSentiment.Persistence;
using ImdbSentiment.Runtime;
using ImdbSentiment.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ImdbSentiment.Cli.Commands;

[Description("Write each member of an ensemble bundle as a bundle of its own, to join another ensemble, teach, or be scored alone.")]
internal sealed class UnpackCommand(CliConsole console) : Command<UnpackSettings>
{
    public override int Execute(CommandContext context, UnpackSettings settings, CancellationToken cancellationToken)
    {
        NativeRuntime.EnsureLoaded();
        var ensemble = ModelBundle.Load(settings.Model!);
        var members = ensemble.Manifest.Model.Members;
        var paths = Ensembles.Unpack(ensemble, settings.Out!);
        for (var i = 0; i < paths.Count; i++)
        {
            console.Out.MarkupLine(Markup.Escape($"{paths[i]}: {members![i].Describe()}"));
        }

        return ExitCodes.Success;
    }
}
