using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using ImdbSentiment.Cli.Internal;
using ImdbSentiment.Evaluation;
using ImdbSentiment.Execution;
using ImdbSentiment.Inference;
using ImdbSentiment.Persistence;
using ImdbSentiment.Pipeline;
using ImdbSentiment.Runtime;
using ImdbSentiment.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ImdbSentiment.Cli.Commands;

[Description("Combine trained models into one bundle: their logits weighted by a logistic regression fitted on the validation reviews.")]
internal sealed class EnsembleCommand(CliConsole console) : AsyncCommand<EnsembleSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, EnsembleSettings settings, CancellationToken cancellationToken)
    {
        NativeRuntime.EnsureLoaded();
        var members = settings.Members.Select(ModelBundle.Load).ToArray();
        var first = members[0].Manifest;
        var training = first.Training;
        NativeRuntime.SetThreads(training.Threads);
        using var cancellation = new CancellationHandling(console.ErrorWriter);
        var status = console.Error;

        // Members vote on the same classes in the same order, or their combination means nothing.
        var labels = first.ClassNames();
        if (members.FirstOrDefault(m => !m.Manifest.ClassNames().SequenceEqual(labels)) is { } other)
        {
            throw new UsageException($"--member {other.Path} was trained on the labels {string.Join(", ", other.Manifest.ClassNames())}, " +
                $"{members[0].Path} on {string.Join(", ", labels)}; ensemble members need the same labels");
        }

        if (labels.Count > 2)
        {
            throw new UsageException($"--member {members[0].Path} has {labels.Count} classes; an ensemble combines binary models (one logit each) so far");
        }

        var (model, vocabulary) = Ensembles.Assemble(members);
        using var _ = model;
        var (_, prepared) = await CorpusLoader.PrepareAsync(DataRequest.Recorded(first.Data, settings.Data),
            new PreparationOptions(training.MinFrequency, training.Seed, Limit: first.Data?.Limit, Tokenizer: first.Tokenizer.Options, Vocabulary: vocabulary),
            status, cancellation.Token);
        var execution = ExecutionSetting.Read(training.Threads);
        ExecutionPlan.ForInference(model, execution);

        // Each member scores the validation reviews once; the combination is fitted on, and judged by, those scores only.
        var clock = Stopwatch.StartNew();
        var positive = prepared.Validation.Select(e => e.IsPositive).ToArray();
        var memberLogits = model.Members.Select(member => BatchScorer.Logits(member, prepared.Validation, first.Model.PadIndex,
            training.EvaluationBatchSize, cancellationToken: cancellation.Token, workers: execution.BatchWorkers)).ToArray();
        var seconds = clock.Elapsed.TotalSeconds;
        EvaluationReport Validation(float[] logits) => Evaluator.Summarise(prepared.Validation, logits, ClassLogits.BinaryMeanLoss(logits, positive), seconds);
        for (var i = 0; i < members.Length; i++)
        {
            status.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"member {i + 1}: {members[i].Path} ({members[i].Manifest.Preset}): validation accuracy {Validation(memberLogits[i]).Accuracy:P2}")));
        }

        var (weights, bias) = Stacking.Fit(memberLogits, positive);
        model.SetCombination(weights, bias);
        var validation = Validation(Stacking.Combine(memberLogits, weights, bias));
        status.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"combination fitted on {positive.Length:N0} validation reviews: weights {string.Join(", ", weights.Select(w => w.ToString("F3", CultureInfo.InvariantCulture)))}, bias {bias:F3}; validation accuracy {validation.Accuracy:P2}, calibration error {validation.CalibrationError:P2}")));

        var (test, _) = Evaluator.Evaluate(model, prepared.EncodedTest, first.Model.PadIndex, training.EvaluationBatchSize,
            cancellationToken: cancellation.Token, workers: execution.BatchWorkers);
        var manifest = BundleManifest.Begin("ensemble", model.Options, training, first.Tokenizer, vocabulary.Count, first.Data) with { Test = test };
        ModelBundle.Save(settings.Out!, manifest, vocabulary, model);
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"test: loss {test.Loss:F4}, accuracy {test.Accuracy:P2}, F1 {test.F1:F4}, ROC-AUC {test.RocAuc:F4}, calibration error {test.CalibrationError:P2} ({test.Count:N0} reviews)");
        if (settings.Json)
        {
            console.OutWriter.WriteLine(Json.Serialize(new { model = settings.Out, members = settings.Members, weights, bias, validation, test }));
        }
        else
        {
            console.OutWriter.WriteLine(summary);
            console.OutWriter.WriteLine($"model: {settings.Out}");
        }

        return ExitCodes.Success;
    }
}
