using ImdbSentiment.Cli.Rendering;
using ImdbSentiment.Models;
using ImdbSentiment.Persistence;
using ImdbSentiment.Training;
using Spectre.Console;

namespace ImdbSentiment.Cli.Internal;

/// <summary>Runs a training request with progress on the terminal, as <c>train</c> and <c>pretrain</c> show it.</summary>
internal static class TrainingSession
{
    /// <summary>Trains (or resumes); null when Ctrl+C stopped it, after saying how to resume.</summary>
    /// <param name="request">What to train.</param>
    /// <param name="run">The run's folder, <paramref name="request"/>'s.</param>
    /// <param name="command">The CLI command that resumes the run (<c>train</c> or <c>pretrain</c>).</param>
    /// <param name="console">Progress goes to its stderr: a live bar on a terminal, plain lines otherwise.</param>
    /// <param name="token">Cancelled by Ctrl+C or SIGTERM.</param>
    public static TrainingResult? Run(TrainingRequest request, TrainingRun run, string command, CliConsole console, CancellationToken token)
    {
        var status = console.Error;
        var runFolder = run.Folder;
        var languageModel = request.Model.Kind == ModelKind.LanguageModel;
        var reporter = new TrainingReporter(status, console.ErrorIsTerminal, TimeSpan.FromSeconds(10), languageModel);
        var resumed = request.ResumeFrom?.Manifest.Resume;
        var (bestLoss, bestAccuracy) = (resumed?.BestValidationLoss ?? double.PositiveInfinity, resumed?.BestValidationAccuracy ?? 0.0);
        var epochs = request.Training.Epochs;
        status.MarkupLine(Markup.Escape($"training {request.PresetName}: {request.Model.Describe()}; {epochs} epochs, lr {request.Training.LearningRate}, " +
                                        $"batch {request.Training.BatchSize}, {PrecisionNames.Format(request.Training.Precision)}, {request.Training.Threads} threads" +
                                        // Only recurrent layers keep per-step activations worth recomputing.
                                        (request.Model.Kind is ModelKind.Recurrent or ModelKind.VanillaRnn ? $", {request.Training.DescribeRecomputation()}" : string.Empty) +
                                        $" → {runFolder}"));
        try
        {
            void Completed(EpochMetrics m)
            {
                var isBest = CheckpointSelector.IsBetter(request.Training.SelectBy, m.ValidationLoss, m.ValidationAccuracy, bestLoss, bestAccuracy);
                if (isBest)
                {
                    (bestLoss, bestAccuracy) = (m.ValidationLoss, m.ValidationAccuracy);
                }

                reporter.EpochCompleted(m, epochs, isBest);
            }

            if (!console.ErrorIsTerminal)
            {
                return Trainer.Train(request, reporter, Completed, token);
            }

            return status.Progress()
                .AutoClear(true)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .Start(ctx =>
                {
                    reporter.Context = ctx;
                    return Trainer.Train(request, reporter, Completed, token);
                });
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            status.MarkupLine(Markup.Escape(run.HasCheckpoint
                ? $"interrupted; the last checkpoint is saved. Resume with: sentiment {command} --resume {runFolder}"
                : $"interrupted before the first checkpoint was written; start the run again (delete {runFolder} first)"));
            return null;
        }
    }
}
