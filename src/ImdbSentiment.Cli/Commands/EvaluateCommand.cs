using System.ComponentModel;
using System.Globalization;
using ImdbSentiment.Cli.Internal;
using ImdbSentiment.Cli.Rendering;
using ImdbSentiment.Batching;
using ImdbSentiment.Data;
using ImdbSentiment.Evaluation;
using ImdbSentiment.Execution;
using ImdbSentiment.Persistence;
using ImdbSentiment.Pipeline;
using ImdbSentiment.Runtime;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ImdbSentiment.Cli.Commands;

[Description("Evaluate a model bundle on the test (or validation) reviews.")]
internal sealed class EvaluateCommand(CliConsole console) : AsyncCommand<EvaluateSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, EvaluateSettings settings, CancellationToken cancellationToken)
    {
        NativeRuntime.EnsureLoaded();
        var bundle = ModelBundle.Load(ModelLocator.Resolve(settings.Model)).RequireClassifier();
        var training = bundle.Manifest.Training;
        NativeRuntime.SetThreads(training.Threads);
        using var cancellation = new CancellationHandling(console.ErrorWriter);
        var status = console.Error;
        var preparation = new PreparationOptions(training.MinFrequency, training.Seed, Limit: settings.Limit ?? bundle.Manifest.Data?.Limit,
            Tokenizer: bundle.Manifest.Tokenizer.Options, Vocabulary: bundle.Vocabulary);
        var data = await CorpusLoader.PrepareAsync(DataRequest.Recorded(bundle.Manifest.Data, settings.Data), preparation, status, cancellation.Token);
        var prepared = data.Prepared;
        var classNames = bundle.Manifest.ClassNames();
        if (settings.Sentences && classNames.Count > 2)
        {
            throw new UsageException($"--sentences: the model has {classNames.Count} classes; the sentences are labeled negative or positive, for binary sentiment models");
        }

        var examples = settings.Sentences ? SentenceExamples(SentenceSource(data, preparation, settings.Split), bundle)
            : settings.Split == "test" ? prepared.EncodedTest : prepared.Validation;
        var execution = ExecutionSetting.Read(training.Threads);
        using var model = bundle.CreateModel(settings.ModelPrecision);
        ExecutionPlan.ForInference(model, execution);
        var (report, logits) = Evaluator.Evaluate(model, examples, bundle.Manifest.Model.PadIndex, training.EvaluationBatchSize,
            cancellationToken: cancellation.Token, workers: execution.BatchWorkers, temperature: bundle.Manifest.Temperature ?? 1);

        if (settings.Plots is { } plots)
        {
            Directory.CreateDirectory(plots);
            var labels = examples.Select(e => e.ClassIndex).ToArray();
            if (logits.Width == 1)
            {
                // A ROC curve needs one score per review; a model of more classes has none.
                AtomicFile.Write(Path.Combine(plots, "roc.png"), s => s.Write(EvaluationPlotter.Roc(RocCurve.Points(logits.Values, [.. examples.Select(e => e.IsPositive)]), report.RocAuc)));
            }

            AtomicFile.Write(Path.Combine(plots, "confusion.png"), s => s.Write(EvaluationPlotter.Confusion(report.ConfusionCounts(), classNames)));
            AtomicFile.Write(Path.Combine(plots, "reliability.png"),
                s => s.Write(EvaluationPlotter.Reliability(Calibration.Bins(logits, labels), report.CalibrationError)));
        }

        if (settings.Json)
        {
            console.OutWriter.WriteLine(Json.Serialize(new { model = bundle.Path, split = settings.Split, texts = settings.Sentences ? "sentences" : "reviews", precision = settings.Precision,
                temperature = bundle.Manifest.Temperature ?? 1, report }));
            return ExitCodes.Success;
        }

        var output = console.Out;
        var table = new Table().AddColumn("metric").AddColumn(new TableColumn("value").RightAligned());
        string F(double v) => v.ToString("F4", CultureInfo.InvariantCulture);
        table.AddRow(settings.Sentences ? "sentences" : "reviews", report.Count.ToString("N0", CultureInfo.InvariantCulture));
        table.AddRow("loss", F(report.Loss));
        table.AddRow("accuracy", F(report.Accuracy));
        var macro = report.Classes is null ? string.Empty : " (macro)";
        table.AddRow($"precision{macro}", F(report.Precision));
        table.AddRow($"recall{macro}", F(report.Recall));
        table.AddRow($"F1{macro}", F(report.F1));
        if (report.Classes is null)
        {
            table.AddRow("ROC-AUC", F(report.RocAuc));
        }

        table.AddRow($"calibration error (ECE, {Calibration.DefaultBins} bins)", F(report.CalibrationError));
        table.AddRow("temperature", (bundle.Manifest.Temperature ?? 1).ToString("F3", CultureInfo.InvariantCulture));
        table.AddRow("seconds", report.Seconds.ToString("F1", CultureInfo.InvariantCulture));
        output.Write(table);
        output.Write(ConfusionTable(report.ConfusionCounts(), classNames));
        if (report.Classes is { } classes)
        {
            output.Write(ClassTable(classes, classNames));
        }

        return ExitCodes.Success;
    }

    private static Table ConfusionTable(IReadOnlyList<long[]> counts, IReadOnlyList<string> classNames)
    {
        var table = new Table().AddColumn(string.Empty);
        foreach (var name in classNames)
        {
            table.AddColumn(new TableColumn($"predicted {Markup.Escape(name)}").RightAligned());
        }

        for (var r = 0; r < counts.Count; r++)
        {
            table.AddRow([$"actual {Markup.Escape(classNames[r])}", .. counts[r].Select(c => c.ToString(CultureInfo.InvariantCulture))]);
        }

        return table;
    }

    private static Table ClassTable(ClassConfusion classes, IReadOnlyList<string> classNames)
    {
        string F(double v) => v.ToString("F4", CultureInfo.InvariantCulture);
        var table = new Table().AddColumn("class").AddColumn(new TableColumn("precision").RightAligned()).AddColumn(new TableColumn("recall").RightAligned())
            .AddColumn(new TableColumn("F1").RightAligned()).AddColumn(new TableColumn("reviews").RightAligned());
        for (var c = 0; c < classes.ClassCount(); c++)
        {
            table.AddRow(Markup.Escape(classNames[c]), F(classes.Precision(c)), F(classes.Recall(c)), F(classes.F1(c)), classes.Support(c).ToString("N0", CultureInfo.InvariantCulture));
        }

        return table;
    }

    // Sentences are cut from 1- and 10-star reviews, so they need the IMDb corpus's ratings.
    private static IReadOnlyList<Review> SentenceSource(LoadedData data, PreparationOptions options, string split) =>
        data.Corpus is not { } corpus ? throw new UsageException($"--sentences: {data.Source} is not the IMDb corpus; sentences are cut from its 1- and 10-star reviews")
        : split == "test" ? CorpusPreparation.TestReviews(corpus, options) : CorpusPreparation.Split(corpus, options).Validation;

    private static EncodedReview[] SentenceExamples(IReadOnlyList<Review> reviews, LoadedBundle bundle)
    {
        var sentences = ObviousSentences.From(reviews);
        if (sentences.Count == 0)
        {
            throw new UsageException($"none of the {reviews.Count:N0} reviews has a sentence that states its label plainly; --sentences needs more reviews (a larger --limit)");
        }

        var encoder = bundle.CreateEncoder();
        return sentences.Select(s => new EncodedReview(encoder.Encode(s.Text), s.Label == Sentiment.Positive ? 1f : 0f)).ToArray();
    }
}
