using System.Diagnostics;
using System.Globalization;
using ImdbSentiment.Persistence;
using ImdbSentiment.Training;
using Spectre.Console;

namespace ImdbSentiment.Cli.Rendering;

/// <summary>
/// Shows training progress on stderr: a live bar (batches, loss, accuracy, tokens/s, ETA) on a terminal, plain lines
/// every few seconds when stderr is redirected (CI logs).
/// </summary>
internal sealed class TrainingReporter(IAnsiConsole console, bool live, TimeSpan plainInterval, bool languageModel = false) : IProgress<TrainingProgress>
{
    private readonly Stopwatch _sinceLastLine = Stopwatch.StartNew();
    private ProgressTask? _task;
    private string _phase = string.Empty;
    private int _epoch;

    public ProgressContext? Context { get; set; }

    public void Report(TrainingProgress value)
    {
        var description = Describe(value);
        if (live && Context is { } context)
        {
            if (_task is null || _phase != value.Phase || _epoch != value.Epoch)
            {
                _task?.StopTask();
                _task = context.AddTask(description, maxValue: value.Batches);
                (_phase, _epoch) = (value.Phase, value.Epoch);
            }

            _task.Description = description;
            _task.Value = value.Batch;
            return;
        }

        if (_sinceLastLine.Elapsed >= plainInterval || value.Batch == value.Batches && value.Phase == "train")
        {
            _sinceLastLine.Restart();
            console.MarkupLine(Markup.Escape(
                $"{description} batch {value.Batch}/{value.Batches}, elapsed {Format(value.Elapsed)}, eta {Format(value.Remaining)}"));
        }
    }

    public void EpochCompleted(EpochMetrics metrics, int epochs, bool best)
    {
        _task?.StopTask();
        _task = null;
        var figures = languageModel
            ? string.Create(CultureInfo.InvariantCulture,
                $"epoch {metrics.Epoch}/{epochs}: train perplexity {Math.Exp(metrics.TrainLoss):F1} | held-out perplexity {Math.Exp(metrics.ValidationLoss):F1} " +
                $"(loss {metrics.ValidationLoss:F4}), next word exact {metrics.ValidationAccuracy * 100:F2}% | ")
            : string.Create(CultureInfo.InvariantCulture,
                $"epoch {metrics.Epoch}/{epochs}: train loss {metrics.TrainLoss:F4} acc {metrics.TrainAccuracy * 100:F2}% | " +
                $"val loss {metrics.ValidationLoss:F4} acc {metrics.ValidationAccuracy * 100:F2}% | ");
        console.MarkupLine(Markup.Escape(figures + string.Create(CultureInfo.InvariantCulture,
            $"{metrics.TrainSeconds:F0}+{metrics.ValidationSeconds:F0} s, {metrics.TrainTokensPerSecond:N0} tokens/s, RSS {metrics.ResidentMegabytes:N0} MB") +
            (metrics.PeakResidentMegabytes is { } peak ? string.Create(CultureInfo.InvariantCulture, $" (peak {peak:N0})") : string.Empty) +
            (best ? " (best so far)" : string.Empty)));
    }

    // A language model's loss is the mean negative log-likelihood per word: its exponent is the perplexity.
    private string Describe(TrainingProgress p) => p.Phase != "train"
        ? $"epoch {p.Epoch}/{p.Epochs} validate:"
        : languageModel
            ? string.Create(CultureInfo.InvariantCulture,
                $"epoch {p.Epoch}/{p.Epochs} train: perplexity {Math.Exp(p.Loss):F1} (loss {p.Loss:F4}), next word exact {p.Accuracy * 100:F1}% {p.TokensPerSecond:N0} tok/s")
            : string.Create(CultureInfo.InvariantCulture,
                $"epoch {p.Epoch}/{p.Epochs} train: loss {p.Loss:F4} acc {p.Accuracy * 100:F1}% {p.TokensPerSecond:N0} tok/s");

    private static string Format(TimeSpan span) => span.TotalHours >= 1 ? span.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) : span.ToString(@"m\:ss", CultureInfo.InvariantCulture);
}
