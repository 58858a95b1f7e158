using System.ComponentModel;
using System.Globalization;
using ImdbSentiment.Cli.Internal;
using ImdbSentiment.Datasets;
using ImdbSentiment.Pipeline;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ImdbSentiment.Cli.Commands;

[Description("Read the data (the IMDb corpus, found or downloaded and verified, or your own file); show the labels, the split, the vocabulary and token statistics.")]
internal sealed class DataCommand(CliConsole console) : AsyncCommand<DataSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, DataSettings settings, CancellationToken cancellationToken)
    {
        using var cancellation = new CancellationHandling(console.ErrorWriter);
        var (source, prepared) = await CorpusLoader.PrepareAsync(settings.ToDataRequest(),
            new PreparationOptions(settings.MinFrequency, settings.Seed, Limit: settings.Limit), console.Error, cancellation.Token);
        var dataset = prepared.Dataset;
        var stats = prepared.TrainTokens;
        Dictionary<string, int> Counts(IReadOnlyList<LabeledText> rows) =>
            dataset.Labels.Zip(dataset.CountByLabel(rows)).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
        var summary = new
        {
            source,
            labels = dataset.Labels,
            train = dataset.Train.Count,
            validation = dataset.Validation.Count,
            test = dataset.Test.Count,
            trainCounts = Counts(dataset.Train),
            validationCounts = Counts(dataset.Validation),
            testCounts = Counts(dataset.Test),
            minFrequency = settings.MinFrequency,
            vocabularySize = prepared.Vocabulary.Count,
            trainTokens = stats.TotalTokens,
            meanTokens = Math.Round(stats.Mean, 2),
            medianTokens = stats.Median,
            maxTokens = stats.Max,
            seconds = Math.Round(prepared.Seconds, 3),
        };
        if (settings.Json)
        {
            console.OutWriter.WriteLine(Json.Serialize(summary));
            return ExitCodes.Success;
        }

        string N(double v) => v.ToString("N0", CultureInfo.InvariantCulture);
        var table = new Table().AddColumn("what").AddColumn(new TableColumn("value").RightAligned());
        table.AddRow("source", Markup.Escape(source));
        string Part(int count, Dictionary<string, int> counts) => $"{N(count)} ({string.Join(" / ", counts.Select(c => $"{N(c.Value)} {Markup.Escape(c.Key)}"))})";
        table.AddRow("labels", Markup.Escape(string.Join(", ", dataset.Labels)));
        table.AddRow("train", Part(summary.train, summary.trainCounts));
        table.AddRow("validation", Part(summary.validation, summary.validationCounts));
        table.AddRow("test", Part(summary.test, summary.testCounts));
        table.AddRow($"vocabulary (min freq {settings.MinFrequency})", N(summary.vocabularySize));
        table.AddRow("tokens in train part", N(summary.trainTokens));
        table.AddRow("tokens per text: mean / median / max",
            string.Create(CultureInfo.InvariantCulture, $"{stats.Mean:F1} / {stats.Median:F0} / {stats.Max:N0}"));
        table.AddRow("prepared in", string.Create(CultureInfo.InvariantCulture, $"{prepared.Seconds:F2} s"));
        console.Out.Write(table);
        return ExitCodes.Success;
    }
}
