using ImdbSentiment.Models;
using ImdbSentiment.Persistence;
using ImdbSentiment.Tests.Fixtures;
using ImdbSentiment.Training;
using TorchSharp;

namespace ImdbSentiment.Tests.Training;

[Collection(TorchCollection.Name)]
public sealed class TrainerTests
{
    [Fact]
    public void Should_learn_the_synthetic_rule_and_write_the_best_model_and_a_checkpoint()
    {
        using var run = new TempFolder();

        var result = Trainer.Train(SyntheticData.Request(run.Path, epochs: 4));

        Assert.Equal(4, result.History.Count);
        Assert.True(result.History[^1].ValidationAccuracy >= 0.9, $"validation accuracy {result.History[^1].ValidationAccuracy:P1}");
        Assert.Equal(result.History.MinBy(h => h.ValidationLoss)!.Epoch, result.BestEpoch);
        var best = ModelBundle.Load(result.ModelPath);
        Assert.Equal(result.BestEpoch, best.Manifest.BestEpoch);
        Assert.Null(best.Manifest.Resume);
        var checkpoint = ModelBundle.Load(result.CheckpointPath);
        Assert.Equal(4, checkpoint.Manifest.Resume!.CompletedEpochs);
        Assert.NotNull(checkpoint.OptimizerState);
    }

    [Fact]
    public void Should_record_the_memory_figures_of_every_epoch()
    {
        using var run = new TempFolder();

        var result = Trainer.Train(SyntheticData.Request(run.Path, epochs: 2));

        Assert.All(result.History, h =>
        {
            Assert.InRange(h.ResidentMegabytes, 1, h.PeakResidentMegabytes!.Value);
            Assert.True(h.ManagedHeapMegabytes > 0, "managed heap");
            Assert.Equal(OperatingSystem.IsLinux(), h.NativeHeapInUseMegabytes > 0);
        });
        Assert.True(result.History[1].PeakResidentMegabytes >= result.History[0].PeakResidentMegabytes, "peak went down");
        Assert.Equal(result.History, ModelBundle.Load(result.CheckpointPath).Manifest.History);
    }

    [Fact]
    public void Selection_by_validation_accuracy_should_keep_the_most_accurate_epoch()
    {
        using var run = new TempFolder();
        var training = SyntheticData.Fast(epochs: 4) with { SelectBy = CheckpointSelection.ValidationAccuracy };

        var result = Trainer.Train(SyntheticData.Request(run.Path, training: training));

        var expected = result.History.OrderByDescending(h => h.ValidationAccuracy).ThenBy(h => h.ValidationLoss).First().Epoch;
        Assert.Equal(expected, result.BestEpoch);
        Assert.Equal(expected, ModelBundle.Load(result.ModelPath).Manifest.BestEpoch);
    }

    [Fact]
    public void Same_seed_and_threads_should_give_the_same_metrics()
    {
        using var first = new TempFolder();
        using var second = new TempFolder();

        var a = Trainer.Train(SyntheticData.Request(first.Path, epochs: 2));
        var b = Trainer.Train(SyntheticData.Request(second.Path, epochs: 2));

        Assert.Equal(
            a.History.Select(h => (Math.Round(h.TrainLoss, 4), Math.Round(h.ValidationLoss, 4), Math.Round(h.ValidationAccuracy, 4))),
            b.History.Select(h => (Math.Round(h.TrainLoss, 4), Math.Round(h.ValidationLoss, 4), Math.Round(h.ValidationAccuracy, 4))));
    }

    [Fact]
    public void Resumed_run_should_end_with_the_same_metrics_as_an_uninterrupted_one()
    {
        using var uninterrupted = new TempFolder();
        using var interrupted = new TempFolder();
        var expected = Trainer.Train(SyntheticData.Request(uninterrupted.Path, epochs: 4));

        // Given a run cancelled during its third epoch
        using var cancel = new CancellationTokenSource();
        var progress = new SynchronousProgress<TrainingProgress>(p =>
        {
            if (p.Epoch == 3 && p.Batch == 5)
            {
                cancel.Cancel();
            }
        });
        Assert.Throws<OperationCanceledException>(() =>
            Trainer.Train(SyntheticData.Request(interrupted.Path, epochs: 4), progress, cancellationToken: cancel.Token));

        // When it resumes from its checkpoint
        var checkpoint = ModelBundle.Load(Path.Combine(interrupted.Path, TrainingRun.CheckpointFileName));
        Assert.Equal(2, checkpoint.Manifest.Resume!.CompletedEpochs);
        var resumed = Trainer.Train(SyntheticData.Request(interrupted.Path, epochs: 4) with { ResumeFrom = checkpoint });

        // Then
        Assert.Equal(
            expected.History.Select(h => (h.Epoch, Math.Round(h.TrainLoss, 4), Math.Round(h.ValidationLoss, 4), Math.Round(h.ValidationAccuracy, 4))),
            resumed.History.Select(h => (h.Epoch, Math.Round(h.TrainLoss, 4), Math.Round(h.ValidationLoss, 4), Math.Round(h.ValidationAccuracy, 4))));
        Assert.Equal(expected.BestEpoch, resumed.BestEpoch);
    }

    [Fact]
    public void A_run_stopped_within_an_epoch_should_resume_from_its_checkpoint_there_and_end_as_an_uninterrupted_one()
    {
        using var uninterrupted = new TempFolder();
        using var interrupted = new TempFolder();
        var expected = Trainer.Train(SyntheticData.Request(uninterrupted.Path, epochs: 3));

        // Given a run that writes a checkpoint after every batch, cancelled after batch 5 of its second epoch
        using var cancel = new CancellationTokenSource();
        var progress = new SynchronousProgress<TrainingProgress>(p =>
        {
            if (p.Phase == "train" && p.Epoch == 2 && p.Batch == 5)
            {
                cancel.Cancel();
            }
        });
        var everyBatch = SyntheticData.Request(interrupted.Path, epochs: 3) with { CheckpointInterval = TimeSpan.FromTicks(1) };
        Assert.Throws<OperationCanceledException>(() => Trainer.Train(everyBatch, progress, cancellationToken: cancel.Token));

        // When it resumes
        var checkpoint = ModelBundle.Load(Path.Combine(interrupted.Path, TrainingRun.CheckpointFileName));
        Assert.Equal(1, checkpoint.Manifest.Resume!.CompletedEpochs);
        Assert.Equal(5, checkpoint.Manifest.Resume.InEpoch!.Batches);
        Assert.Single(checkpoint.Manifest.History);
        var resumed = Trainer.Train(everyBatch with { ResumeFrom = checkpoint });

        // Then it ends with the uninterrupted run's figures, and its last checkpoint is an epoch's end again
        Assert.Equal(Rounded(expected), Rounded(resumed));
        Assert.Equal(expected.BestEpoch, resumed.BestEpoch);
        Assert.Null(ModelBundle.Load(resumed.CheckpointPath).Manifest.Resume!.InEpoch);
    }

    [Fact]
    public void An_unexpected_failure_should_name_the_epoch_the_batch_and_how_to_resume()
    {
        // Given a run whose first epoch completes, then a review with a token id past the vocabulary in the next one
        using var run = new TempFolder();
        Trainer.Train(SyntheticData.Request(run.Path, epochs: 1));
        var checkpoint = ModelBundle.Load(Path.Combine(run.Path, TrainingRun.CheckpointFileName));
        var request = SyntheticData.Request(run.Path, epochs: 2) with { ResumeFrom = checkpoint };
        var broken = request.Data with { Train = [.. request.Data.Train.Select((r, i) => i == 7 ? r with { TokenIds = [1_000_000] } : r)] };

        // When it goes on
        var error = Assert.Throws<TrainingFailedException>(() => Trainer.Train(request with { Data = broken }));

        // Then one message says where it failed and how to continue from the last checkpoint
        Assert.Equal(2, error.Epoch);
        Assert.Matches(@"^training failed at epoch 2, batch \d+ of 16: \w+: .*index.*; the run up to the end of epoch 1 is saved in .*checkpoint\.bundle; continue with: sentiment train --resume ", error.Message);
        Assert.DoesNotContain("\n", error.Message);
    }

    [Fact]
    public void Divergence_should_stop_with_a_message_naming_epoch_and_batch_and_keep_the_last_checkpoint()
    {
        using var run = new TempFolder();
        var model = new ModelOptions(ModelKind.VanillaRnn, SyntheticData.Vocabulary.Count, EmbeddingDim: 8, HiddenDim: 16);
        var sane = SyntheticData.Fast(epochs: 1) with { LearningRate = 0.01 };
        Trainer.Train(SyntheticData.Request(run.Path, model: model, training: sane));
        var checkpoint = ModelBundle.Load(Path.Combine(run.Path, TrainingRun.CheckpointFileName));
        var before = File.ReadAllBytes(Path.Combine(run.Path, TrainingRun.CheckpointFileName));

        // An absurd learning rate overflows float32 within a couple of steps.
        var absurd = SyntheticData.Fast(epochs: 3) with { LearningRate = 1e38 };
        var error = Assert.Throws<TrainingDivergedException>(() =>
            Trainer.Train(SyntheticData.Request(run.Path, model: model, training: absurd) with { ResumeFrom = checkpoint }));

        Assert.Equal(2, error.Epoch);
        Assert.Matches(@"^training diverged: the loss became (NaN|∞|-?Infinity) at epoch 2, batch \d+ of 16 .*checkpoint\.bundle; try a lower learning rate", error.Message);
        Assert.Equal(before, File.ReadAllBytes(Path.Combine(run.Path, TrainingRun.CheckpointFileName)));
    }

    [Fact]
    public void Training_should_not_leak_tensors()
    {
        using var run = new TempFolder();
        var baseline = DisposeScopeManager.Statistics.ThreadTotalLiveCount;

        Trainer.Train(SyntheticData.Request(run.Path, epochs: 1));
        var afterOne = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        Trainer.Train(SyntheticData.Request(run.Path, epochs: 2));

        Assert.Equal(afterOne - baseline, DisposeScopeManager.Statistics.ThreadTotalLiveCount - afterOne);
    }

    private static IEnumerable<(int, double, double, double)> Rounded(TrainingResult result) =>
        result.History.Select(h => (h.Epoch, Math.Round(h.TrainLoss, 4), Math.Round(h.ValidationLoss, 4), Math.Round(h.ValidationAccuracy, 4)));
}
