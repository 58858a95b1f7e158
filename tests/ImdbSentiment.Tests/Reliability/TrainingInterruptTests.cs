using ImdbSentiment.Persistence;
using ImdbSentiment.Tests.Fixtures;
using ImdbSentiment.Training;

namespace ImdbSentiment.Tests.Reliability;

/// <summary>
/// <c>sentiment train</c> stopped with Ctrl+C (SIGINT): it stops after the current batch, exits 130 and tells the user
/// what the run folder holds — the resume command when a checkpoint is there, else that the run must start again.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class TrainingInterruptTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    private readonly TempFolder _folder = new();
    private readonly string _archive;

    public TrainingInterruptTests() => _archive = TinyImdbArchive.Write(_folder.Path);

    public void Dispose() => _folder.Dispose();

    [SkippableFact]
    public void Ctrl_C_after_an_epoch_should_exit_130_with_the_resume_command_and_a_loadable_checkpoint()
    {
        Skip.IfNot(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "POSIX signals");

        // Given a run that has finished its first epoch
        var run = _folder.Combine("after-an-epoch");
        using var cli = new RunningCli(Arguments(run));
        Assert.True(cli.WaitUntil(c => c.EpochsReported.Any(), Timeout), string.Join('\n', cli.StderrLines));

        // When
        var exitCode = cli.Interrupt(Timeout);

        // Then
        Assert.Equal(130, exitCode);
        Assert.Contains($"interrupted; the last checkpoint is saved. Resume with: sentiment train --resume {run}", cli.StderrLines);
        AssertNoStackTrace(cli);
        Assert.NotEmpty(ModelBundle.Load(Path.Combine(run, TrainingRun.CheckpointFileName)).Manifest.History);
    }

    [SkippableFact]
    public void Ctrl_C_as_training_starts_should_exit_130_and_say_what_the_folder_holds()
    {
        Skip.IfNot(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "POSIX signals");

        // Given a run that has just started training
        var run = _folder.Combine("as-training-starts");
        using var cli = new RunningCli(Arguments(run));
        Assert.True(cli.WaitUntil(c => c.StderrLines.Any(line => line.StartsWith("training ", StringComparison.Ordinal)), Timeout),
            string.Join('\n', cli.StderrLines));

        // When
        var exitCode = cli.Interrupt(Timeout);

        // Then: whichever moment the signal met, the message matches the folder
        Assert.Equal(130, exitCode);
        var saved = File.Exists(Path.Combine(run, TrainingRun.CheckpointFileName));
        Assert.Contains(saved
            ? $"interrupted; the last checkpoint is saved. Resume with: sentiment train --resume {run}"
            : $"interrupted before the first checkpoint was written; start the run again (delete {run} first)", cli.StderrLines);
        AssertNoStackTrace(cli);
    }

    private static void AssertNoStackTrace(RunningCli cli) =>
        Assert.DoesNotContain(cli.StderrLines, line => line.TrimStart().StartsWith("at ", StringComparison.Ordinal));

    private string[] Arguments(string run) =>
        ["train", "--preset", "seed-rnn", "--epochs", "500", "--lr", "0.002", "--min-freq", "2", "--threads", "1", "--data", _archive, "--out", run];
}
