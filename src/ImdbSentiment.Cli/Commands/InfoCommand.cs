using System.ComponentModel;
using System.Globalization;
using ImdbSentiment.Cli.Internal;
using ImdbSentiment.Models;
using ImdbSentiment.Persistence;
using ImdbSentiment.Runtime;
using ImdbSentiment.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ImdbSentiment.Cli.Commands;

[Description("Describe a model bundle, or a preset's untrained model: architecture, parameters, vocabulary, metrics.")]
internal sealed class InfoCommand(CliConsole console) : Command<InfoSettings>
{
    public override int Execute(CommandContext context, InfoSettings settings, CancellationToken cancellationToken)
    {
        NativeRuntime.EnsureLoaded();
        var (preset, options, manifest) = Subject(settings);
        long parameters;
        using (var model = ModelFactory.Create(options))
        {
            parameters = ModelFactory.TrainableParameters(model);
        }

        if (settings.Json)
        {
            console.OutWriter.WriteLine(Json.Serialize(new
            {
                preset,
                architecture = options.Describe(),
                parameters,
                vocabularySize = options.VocabularySize,
                model = options,
                training = manifest?.Training,
                tokenizer = manifest?.Tokenizer,
                data = manifest?.Data,
                bestEpoch = manifest?.BestEpoch,
                history = manifest?.History,
                test = manifest?.Test,
                createdBy = manifest?.CreatedBy,
                formatVersion = manifest?.FormatVersion,
            }));
            return ExitCodes.Success;
        }

        var table = new Table().AddColumn("property").AddColumn("value");
        table.AddRow("preset", Markup.Escape(preset));
        table.AddRow("architecture", Markup.Escape(options.Describe()));
        table.AddRow("parameters", parameters.ToString("N0", CultureInfo.InvariantCulture));
        table.AddRow("vocabulary", options.VocabularySize.ToString("N0", CultureInfo.InvariantCulture));
        if (manifest is not null)
        {
            AddBundleRows(table, manifest, options);
        }

        console.Out.Write(table);
        return ExitCodes.Success;
    }

    // A preset's untrained model, or the model in a bundle with its manifest.
    private static (string Preset, ModelOptions Options, BundleManifest? Manifest) Subject(InfoSettings settings)
    {
        if (settings.Preset is { } name)
        {
            var chosen = Presets.Get(name);
            return (chosen.Name, chosen.ModelFor(settings.VocabularySize!.Value), null);
        }

        var manifest = ModelBundle.Load(ModelLocator.Resolve(settings.Model)).Manifest;
        return (manifest.Preset, manifest.Model, manifest);
    }

    // What a bundle adds to a preset's description: its data, tokenizer, training, and the figures recorded.
    private static void AddBundleRows(Table table, BundleManifest manifest, ModelOptions options)
    {
        if (manifest.Data is { } data && options.Kind != ModelKind.LanguageModel)
        {
            var format = data.Files is { } files ? $"{files.Format.ToString().ToLowerInvariant()}, " : string.Empty;
            table.AddRow("data", Markup.Escape($"{Path.GetFileName(data.Source)} ({format}labels {string.Join(", ", data.ClassNames())})"));
            if (data.PseudoLabels is { } pseudo)
            {
                table.AddRow("self-training", Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                    $"{pseudo.Kept:N0} of {pseudo.Scored:N0} unlabeled reviews labeled by {Path.GetFileName(pseudo.Teacher)} with probability ≥ {pseudo.Confidence}")));
            }
        }

        table.AddRow("tokenizer", Markup.Escape(manifest.Tokenizer.Version + (manifest.Tokenizer.NormalizeLineBreakTags ? ", <br /> tags as whitespace" : string.Empty)));
        table.AddRow("trained", Markup.Escape(options.Kind == ModelKind.Ensemble
            ? $"members trained separately on the split of seed {manifest.Training.Seed}; their combination fitted on its validation reviews"
            : $"{manifest.History.Count} epochs, weights from epoch {manifest.BestEpoch}, lr {manifest.Training.LearningRate}, seed {manifest.Training.Seed}, {manifest.Training.Threads} threads"));
        if (manifest.History.FirstOrDefault(h => h.Epoch == manifest.BestEpoch) is { } best)
        {
            table.AddRow("validation", options.Kind == ModelKind.LanguageModel
                ? string.Create(CultureInfo.InvariantCulture, $"held-out perplexity {Math.Exp(best.ValidationLoss):F1}, next word exact {best.ValidationAccuracy * 100:F2}%")
                : string.Create(CultureInfo.InvariantCulture, $"loss {best.ValidationLoss:F4}, accuracy {best.ValidationAccuracy * 100:F2}%"));
        }

        if (manifest.Test is { } test)
        {
            table.AddRow("test", test.Classes is null
                ? string.Create(CultureInfo.InvariantCulture, $"loss {test.Loss:F4}, accuracy {test.Accuracy * 100:F2}%, F1 {test.F1:F4}, ROC-AUC {test.RocAuc:F4}")
                : string.Create(CultureInfo.InvariantCulture, $"loss {test.Loss:F4}, accuracy {test.Accuracy * 100:F2}%, macro-F1 {test.F1:F4}, {test.Classes.ClassCount()} classes"));
        }

        table.AddRow("written by", Markup.Escape($"{manifest.CreatedBy}, format {manifest.FormatVersion}"));
    }
}
