using System.ComponentModel;
using ImdbSentiment.Cli.Internal;
using ImdbSentiment.Interop;
using ImdbSentiment.Persistence;
using ImdbSentiment.Runtime;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ImdbSentiment.Cli.Commands;

[Description("Export a model bundle for PyTorch (a state_dict with the tutorial's keys, the vocabulary, and the architecture as JSON) or ONNX (a graph any ONNX runtime scores, and the vocabulary).")]
internal sealed class ExportCommand(CliConsole console) : Command<ExportSettings>
{
    public override int Execute(CommandContext context, ExportSettings settings, CancellationToken cancellationToken)
    {
        NativeRuntime.EnsureLoaded();
        var bundle = ModelBundle.Load(ModelLocator.Resolve(settings.Model)).RequireClassifier();
        var stdout = console.Out;
        if (settings.Format == "onnx")
        {
            var onnx = OnnxExporter.Export(bundle, settings.Out!, int8Weights: settings.Quantize == "int8");
            var weights = settings.Quantize == "int8" ? "int8 weights, " : string.Empty;
            stdout.MarkupLine(Markup.Escape($"onnx:       {onnx.ModelPath} ({bundle.Manifest.Model.Describe()}; {weights}inputs tokens [B, T], lengths [B]; outputs logits, probabilities)"));
            stdout.MarkupLine(Markup.Escape($"vocabulary: {onnx.VocabularyPath} ({bundle.Vocabulary.Count} tokens)"));
            return ExitCodes.Success;
        }

        var export = PyTorchExporter.Export(bundle, settings.Out!);
        stdout.MarkupLine(Markup.Escape($"state_dict: {export.StateDictPath} ({export.Entries.Count} tensors, {bundle.Manifest.Model.Describe()})"));
        stdout.MarkupLine(Markup.Escape($"vocabulary: {export.VocabularyPath} ({bundle.Vocabulary.Count} tokens)"));
        stdout.MarkupLine(Markup.Escape($"config:     {export.ConfigPath}"));
        return ExitCodes.Success;
    }
}
