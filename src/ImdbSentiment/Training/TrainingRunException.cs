namespace ImdbSentiment.Training;

/// <summary>A run folder that cannot start or continue a run.</summary>
public sealed class TrainingRunException : ImdbSentimentException
{
    private TrainingRunException(TrainingRunProblem problem, string folder, string message)
        : base(message)
    {
        Problem = problem;
        Folder = folder;
    }

    /// <summary>What is wrong with the folder.</summary>
    public TrainingRunProblem Problem { get; }

    /// <summary>The run folder.</summary>
    public string Folder { get; }

    internal static TrainingRunException NotEmpty(string folder) =>
        new(TrainingRunProblem.NotEmpty, folder, $"{folder} already exists and is not empty; start a new run in another folder or resume this one");

    internal static TrainingRunException IsAFile(string folder) =>
        new(TrainingRunProblem.IsAFile, folder, $"{folder} is a file, not a run folder");

    internal static TrainingRunException NoSuchFolder(string folder) =>
        new(TrainingRunProblem.NoSuchFolder, folder, $"{folder}: no such run folder");

    internal static TrainingRunException NoCheckpoint(string folder) =>
        new(TrainingRunProblem.NoCheckpoint, folder,
            $"{folder}: there is no {TrainingRun.CheckpointFileName} (the run stopped before its first checkpoint was written); delete the folder and start the run again");

    internal static TrainingRunException Finished(string folder, int epochs) =>
        new(TrainingRunProblem.Finished, folder, $"the run in {folder} already completed {epochs} epochs; ask for more epochs to continue it");
}

/// <summary>Why a run folder cannot start or continue a run.</summary>
public enum TrainingRunProblem
{
    /// <summary>A new run's folder holds files already.</summary>
    NotEmpty,

    /// <summary>A new run's folder is a file.</summary>
    IsAFile,

    /// <summary>The run to resume does not exist.</summary>
    NoSuchFolder,

    /// <summary>The run to resume stopped before its first checkpoint.</summary>
    NoCheckpoint,

    /// <summary>The run to resume has trained every epoch it was asked for and is finished.</summary>
    Finished,
}
