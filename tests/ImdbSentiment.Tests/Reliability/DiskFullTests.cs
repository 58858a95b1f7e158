using ImdbSentiment.Persistence;
using ImdbSentiment.Tests.Fixtures;
using ImdbSentiment.Training;

namespace ImdbSentiment.Tests.Reliability;

/// <summary>
/// The disk fills up while a checkpoint is written: on a tmpfs sized so that epoch 1's files and epoch 2's best model
/// fit but epoch 2's checkpoint does not. The previous checkpoint must survive intact, no temp file may stay, and the
/// error must be one line naming the file.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class DiskFullTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [SkippableFact]
    public void Trainer_should_keep_the_previous_checkpoint_when_the_next_one_does_not_fit()
    {
        // Given
        var measured = Trainer.Train(Request(_folder.Combine("measure"), epochs: 1));
        using var disk = SmallTmpfs.MountOrSkip(SizeWhereTheSecondCheckpointDoesNotFit(measured.ModelPath, measured.CheckpointPath));
        var checkpointPath = Path.Combine(disk.Path, TrainingRun.CheckpointFileName);
        byte[]? firstCheckpoint = null;

        // When
        var error = Assert.Throws<IOException>(() =>
            Trainer.Train(Request(disk.Path, epochs: 2), epochCompleted: _ => firstCheckpoint ??= File.ReadAllBytes(checkpointPath)));

        // Then
        Assert.Equal($"{checkpointPath}: no space left on device; the previous version of the file is unchanged", error.Message);
        Assert.Equal(firstCheckpoint, File.ReadAllBytes(checkpointPath));
        Assert.Equal(1, ModelBundle.Load(checkpointPath).Manifest.Resume!.CompletedEpochs);
        Assert.InRange(ModelBundle.Load(Path.Combine(disk.Path, TrainingRun.ModelFileName)).Manifest.BestEpoch, 1, 2);
        Assert.Equal([TrainingRun.CheckpointFileName, TrainingRun.ModelFileName], disk.FileNames());
    }

    [SkippableFact]
    public void Train_command_should_fail_with_one_line_and_exit_1_and_keep_the_previous_checkpoint()
    {
        // Given
        var archive = TinyImdbArchive.Write(_folder.Path);
        var measure = _folder.Combine("measure");
        var measured = CliProcess.Run(TrainArguments(archive, measure, epochs: 1));
        Assert.True(measured.ExitCode == 0, measured.Stderr);
        using var disk = SmallTmpfs.MountOrSkip(SizeWhereTheSecondCheckpointDoesNotFit(
            Path.Combine(measure, TrainingRun.ModelFileName), Path.Combine(measure, TrainingRun.CheckpointFileName)));
        var run = Path.Combine(disk.Path, "run");
        var checkpointPath = Path.Combine(run, TrainingRun.CheckpointFileName);

        // When
        var result = CliProcess.Run(TrainArguments(archive, run, epochs: 2));

        // Then
        Assert.Equal(1, result.ExitCode);
        var errors = result.Stderr.Split('\n').Where(line => line.StartsWith("sentiment: error:", StringComparison.Ordinal)).ToArray();
        Assert.Equal([$"sentiment: error: {checkpointPath}: no space left on device; the previous version of the file is unchanged"], errors);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("epoch 1/2:", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, ModelBundle.Load(checkpointPath).Manifest.Resume!.CompletedEpochs);
        Assert.Equal([$"run/{TrainingRun.CheckpointFileName}", $"run/{TrainingRun.ModelFileName}"], disk.FileNames());
    }

    // The run holds one best model (M) and one checkpoint (C); each write needs room for a second copy of its file
    // until the rename. M + C + (M + C) / 2 leaves room for a new M (M < C) but not for a new C.
    private static long SizeWhereTheSecondCheckpointDoesNotFit(string modelPath, string checkpointPath)
    {
        var model = Pages(new FileInfo(modelPath).Length);
        var checkpoint = Pages(new FileInfo(checkpointPath).Length);
        Assert.True(checkpoint - model > 16 * 4096, $"a checkpoint ({checkpoint} B) must be clearly larger than a model ({model} B)");
        return model + checkpoint + (model + checkpoint) / 2;
    }

    private static long Pages(long bytes) => (bytes + 4095) / 4096 * 4096;

    private static TrainingRequest Request(string folder, int epochs) =>
        SyntheticData.Request(folder, epochs, SyntheticData.TinyGru with { EmbeddingDim = 16, HiddenDim = 64 });

    private static string[] TrainArguments(string archive, string folder, int epochs) =>
        ["train", "--preset", "seed-rnn", "--epochs", $"{epochs}", "--lr", "0.002", "--min-freq", "2", "--threads", "1", "--data", archive, "--out", folder];
}
