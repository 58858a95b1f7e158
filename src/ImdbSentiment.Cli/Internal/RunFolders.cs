using ImdbSentiment.Persistence;
using ImdbSentiment.Training;

namespace ImdbSentiment.Cli.Internal;

/// <summary>The run folder of <c>train</c> and <c>pretrain</c>, with its refusals worded for their options.</summary>
internal static class RunFolders
{
    /// <summary>A new run in <c>--out</c>.</summary>
    public static TrainingRun Create(string folder)
    {
        try
        {
            return TrainingRun.Create(folder);
        }
        catch (TrainingRunException e) when (e.Problem == TrainingRunProblem.IsAFile)
        {
            throw new UsageException($"--out {folder} is a file; --out names the run folder to create");
        }
        catch (TrainingRunException e) when (e.Problem == TrainingRunProblem.NotEmpty)
        {
            throw new UsageException($"--out {folder} already exists and is not empty; choose another folder or continue it with --resume {folder}");
        }
    }

    /// <summary>The run in <c>--resume</c>, its checkpoint and where it stopped.</summary>
    public static (TrainingRun Run, LoadedBundle Checkpoint, ResumeInfo State) Open(string folder)
    {
        try
        {
            var run = TrainingRun.Open(folder);
            var (checkpoint, state) = run.LoadCheckpoint();
            return (run, checkpoint, state);
        }
        catch (TrainingRunException e) when (e.Problem == TrainingRunProblem.NoCheckpoint)
        {
            throw new UsageException($"--resume {folder}: there is no {TrainingRun.CheckpointFileName} (the run stopped before its first checkpoint was written); delete the folder and start the run again");
        }
        catch (TrainingRunException e) when (e.Problem == TrainingRunProblem.NoSuchFolder)
        {
            throw new UsageException($"--resume {folder}: no such run folder");
        }
    }

    /// <summary>Refuses to resume a finished run, naming the option that continues it.</summary>
    public static void RequireWorkLeft(TrainingRun run, LoadedBundle checkpoint, ResumeInfo state, int epochs)
    {
        try
        {
            run.RequireWorkLeft(checkpoint, state, epochs);
        }
        catch (TrainingRunException e) when (e.Problem == TrainingRunProblem.Finished)
        {
            throw new UsageException($"the run in {run.Folder} already completed {state.CompletedEpochs} epochs; pass --epochs N with N > {state.CompletedEpochs} to continue it");
        }
    }

    /// <summary>Writes the metrics files and the learning curves of the epochs so far.</summary>
    public static void WriteReports(TrainingRun run, IReadOnlyList<EpochMetrics> history)
    {
        run.WriteMetrics(history, test: null);
        var png = Rendering.CurvePlotter.Curves(history);
        AtomicFile.Write(Path.Combine(run.Folder, "curves.png"), stream => stream.Write(png));
    }
}
