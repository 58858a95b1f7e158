using ImdbSentiment.Persistence;
using ImdbSentiment.Training;

namespace ImdbSentiment.Cli.Internal;

/// <summary>The checks <c>train</c> and <c>pretrain</c> make on a run folder before any work.</summary>
internal static class RunFolders
{
    /// <summary>Refuses an <c>--out</c> that holds anything already, or is a file.</summary>
    public static void RequireNew(string folder)
    {
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
        {
            throw new UsageException($"--out {folder} already exists and is not empty; choose another folder or continue it with --resume {folder}");
        }

        if (File.Exists(folder))
        {
            throw new UsageException($"--out {folder} is a file; --out names the run folder to create");
        }
    }

    /// <summary>The last checkpoint of the run in <paramref name="folder"/>, to resume.</summary>
    public static LoadedBundle Checkpoint(string folder)
    {
        var checkpointPath = Path.Combine(folder, Trainer.CheckpointFileName);
        if (!File.Exists(checkpointPath))
        {
            throw new UsageException(Directory.Exists(folder)
                ? $"--resume {folder}: there is no {Trainer.CheckpointFileName} (the run stopped before its first checkpoint was written); delete the folder and start the run again"
                : $"--resume {folder}: no such run folder");
        }

        return ModelBundle.Load(checkpointPath);
    }

    /// <summary>Where a resumed run continues, in a line for the console.</summary>
    public static string DescribeResume(ResumeInfo resume, int epochs) => resume.InEpoch is { } progress
        ? $"resuming epoch {resume.CompletedEpochs + 1} of {epochs} after its batch {progress.Batches}"
        : $"resuming after epoch {resume.CompletedEpochs} of {epochs}";
}
