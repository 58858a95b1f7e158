using System.ComponentModel;
using System.Globalization;
using ImdbSentiment.Cli.Internal;
using ImdbSentiment.Data;
using ImdbSentiment.Pipeline;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ImdbSentiment.Cli.Commands;

[Description("Find (or download) and verify the IMDb corpus; show counts, the split, the vocabulary and token statistics.")]
internal sealed class DataCommand : AsyncCommand<DataSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, DataSettings settings, CancellationToken cancellationToken)
    {
        using var cancellation = new CancellationHandling();
        var (source, prepared) = await CorpusLoader.PrepareAsync(settings.Data,
            new PreparationOptions(settings.MinFrequency, settings.Seed), ConsoleFactory.Stderr, cancellation.Token);
        var split = prepared.Split;
        var stats = prepared.TrainTokens;
        var summary = new
        {
            source,
            train = split.Train.Count + split.Validation.Count,
            test = prepared.Test.Count,
            trainSplit = split.Train.Count,
            validation = split.Validation.Count,
            trainBalance = new { positive = split.TrainBalance.Positive, negative = split.TrainBalance.Negative },
            validationBalance = new { positive = split.ValidationBalance.Positive, negative = split.ValidationBalance.Negative },
            testBalance = new { positive = ClassBalance.Of(prepared.Test).Positive, negative = ClassBalance.Of(prepared.Test).Negative },
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
            Console.Out.WriteLine(Json.Serialize(summary));
            return ExitCodes.Success;
        }

        string N(double v) => v.ToString("N0", CultureInfo.InvariantCulture);
        var table = new Table().AddColumn("what").AddColumn(new TableColumn("value").RightAligned());
        table.AddRow("source", Markup.Escape(source));
        table.AddRow("train reviews", N(summary.train));
        table.AddRow("test reviews", N(summary.test));
        table.AddRow("train split (70%)", $"{N(summary.trainSplit)} ({N(summary.trainBalance.positive)} pos / {N(summary.trainBalance.negative)} neg)");
        table.AddRow("validation split (30%)", $"{N(summary.validation)} ({N(summary.validationBalance.positive)} pos / {N(summary.validationBalance.negative)} neg)");
        table.AddRow($"vocabulary (min freq {settings.MinFrequency})", N(summary.vocabularySize));
        table.AddRow("tokens in train split", N(summary.trainTokens));
        table.AddRow("tokens per review: mean / median / max",
            string.Create(CultureInfo.InvariantCulture, $"{stats.Mean:F1} / {stats.Median:F0} / {stats.Max:N0}"));
        table.AddRow("prepared in", string.Create(CultureInfo.InvariantCulture, $"{prepared.Seconds:F2} s"));
        ConsoleFactory.Stdout.Write(table);
        return ExitCodes.Success;
    }
}
