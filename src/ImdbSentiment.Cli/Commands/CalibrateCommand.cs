using System.ComponentModel;
using System.Globalization;
using ImdbSentiment.Cli.Internal;
using ImdbSentiment.Cli.Rendering;
using ImdbSentiment.Evaluation;
using ImdbSentiment.Execution;
using ImdbSentiment.Persistence;
using ImdbSentiment.Pipeline;
using ImdbSentiment.Runtime;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ImdbSentiment.Cli.Commands;

[Description("Fit a model's temperature on its validation reviews, so its probabilities match how often it is right.")]
internal sealed class CalibrateCommand(CliConsole console) : AsyncCommand<CalibrateSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, CalibrateSettings settings, CancellationToken cancellationToken)
    {
        NativeRuntime.EnsureLoaded();
        var path = settings.Model!;
        var bundle = ModelBundle.Load(path).RequireClassifier();
        var manifest = bundle.Manifest;
        var training = manifest.Training;
        NativeRuntime.SetThreads(training.Threads);
        using var cancellation = new CancellationHandling(console.ErrorWriter);
        var status = console.Error;

        // The model's own split: the same seed, limit and vocabulary give the validation reviews it was selected on.
        var (_, prepared) = await CorpusLoader.PrepareAsync(DataRequest.Recorded(manifest.Data, settings.Data),
            new PreparationOptions(training.MinFrequency, training.Seed, Limit: manifest.Data?.Limit, Tokenizer: manifest.Tokenizer.Options, Vocabulary: bundle.Vocabulary),
            status, cancellation.Token);
        var execution = ExecutionSetting.Read(training.Threads);
        using var model = bundle.CreateModel();
        ExecutionPlan.ForInference(model, execution);
        var fit = TemperatureScaling.FitOn(model, prepared.Validation, manifest.Model.PadIndex, training.EvaluationBatchSize,
            execution.BatchWorkers, cancellation.Token);
        status.MarkupLine(Markup.Escape(CalibrationText.Describe(fit)));

        // A stored test report would otherwise describe the old temperature: score the test reviews again with the new one.
        var test = manifest.Test;
        if (test is not null)
        {
            (test, _) = Evaluator.Evaluate(model, prepared.EncodedTest, manifest.Model.PadIndex, training.EvaluationBatchSize,
                cancellationToken: cancellation.Token, workers: execution.BatchWorkers, temperature: fit.Temperature);
            status.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"test ({test.Count:N0} reviews): calibration error {Percent(manifest.Test!.CalibrationError)} → {Percent(test.CalibrationError)}, loss {manifest.Test.Loss:F4} → {test.Loss:F4}")));
        }

        var output = settings.Out ?? path;
        ModelBundle.Save(output, manifest with { Temperature = fit.Temperature, Test = test }, bundle.Vocabulary, model,
            bundle.OptimizerState, bundle.TorchRngState);
        if (settings.Json)
        {
            console.OutWriter.WriteLine(Json.Serialize(new { model = output, previousTemperature = manifest.Temperature ?? 1, fit, test }));
        }
        else
        {
            console.OutWriter.WriteLine(string.Create(CultureInfo.InvariantCulture, $"temperature {fit.Temperature:F3} written to {output}"));
        }

        return ExitCodes.Success;
    }

    // Bundles written before evaluation reported it have no calibration error on record.
    private static string Percent(double error) =>
        double.IsNaN(error) ? "not recorded" : (error * 100).ToString("F2", CultureInfo.InvariantCulture) + "%";
}
