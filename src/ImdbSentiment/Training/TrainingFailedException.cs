using ImdbSentiment.Persistence;

namespace ImdbSentiment.Training;

/// <summary>An unexpected error (in libtorch, say) stopped a run; the message says where and how to resume.</summary>
public sealed class TrainingFailedException : ImdbSentimentException
{
    private TrainingFailedException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>The epoch that was running.</summary>
    public int Epoch { get; private init; }

    internal static TrainingFailedException During(string phase, int epoch, string? checkpointPath, ResumeInfo? checkpointState, string runFolder, Exception inner) => new(
        $"training failed at epoch {epoch}, {phase}: {inner.GetType().Name}: {FirstLine(inner.Message)}; " +
        (checkpointPath is null || checkpointState is null
            ? "no checkpoint was written yet, so the run starts again from the beginning"
            : $"{Describe(checkpointState)} is saved in {checkpointPath}; continue with: sentiment train --resume {runFolder}"),
        inner)
    {
        Epoch = epoch,
    };

    private static string Describe(ResumeInfo state) => state.InEpoch is { } progress
        ? $"the run up to batch {progress.Batches} of epoch {state.CompletedEpochs + 1}"
        : $"the run up to the end of epoch {state.CompletedEpochs}";

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
