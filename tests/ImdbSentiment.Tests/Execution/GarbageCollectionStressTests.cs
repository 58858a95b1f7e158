using ImdbSentiment.Batching;
using ImdbSentiment.Inference;
using ImdbSentiment.Models;
using ImdbSentiment.Runtime;
using ImdbSentiment.Tests.Fixtures;
using ImdbSentiment.Training;
using TorchSharp;

namespace ImdbSentiment.Tests.Execution;

/// <summary>
/// The crash of a training run's validation ("Expected false to be true" from <c>Scalar::toFloat</c> inside
/// <c>masked_fill</c>): native objects freed by the garbage collector's finalizer thread while libtorch still used
/// them. Evaluation runs on worker threads; here a third thread collects garbage and runs finalizers without pause,
/// so any native object that nothing keeps alive during its call is freed during it.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class GarbageCollectionStressTests
{
    [Theory]
    [InlineData(Pooling.MaxMean)]
    [InlineData(Pooling.FinalHidden)]
    public void Evaluation_on_worker_threads_should_give_the_same_logits_while_the_collector_runs(Pooling pooling)
    {
        // Given a max+mean-pooled model and long reviews (large tensors keep each native call busy for a while),
        // and its logits from one thread with the collector quiet
        NativeRuntime.SetThreads(2);
        torch.manual_seed(5);
        var options = new ModelOptions(ModelKind.Recurrent, 50, EmbeddingDim: 16, HiddenDim: 64, Layers: 1, Pooling: pooling);
        using var model = ModelFactory.Create(options);
        var reviews = LongReviews(96, seed: 3);
        var expected = BatchScorer.Logits(model, reviews, padIndex: 1, batchSize: 16);

        // When two workers evaluate again and again while another thread collects garbage and runs finalizers
        using var stress = new CollectorStress();
        var rounds = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(6))
        {
            var logits = BatchScorer.Logits(model, reviews, padIndex: 1, batchSize: 16, workers: 2);

            // Then every round gives the quiet run's logits
            for (var i = 0; i < logits.Length; i++)
            {
                Assert.True(Math.Abs(logits[i] - expected[i]) <= 1e-5, $"round {rounds}, review {i}: {logits[i]} vs {expected[i]}");
            }

            rounds++;
        }

        Assert.True(stress.Collections > rounds, $"only {stress.Collections} collections in {rounds} rounds");
    }

    [Fact]
    public void Training_with_validation_on_worker_threads_should_end_the_same_while_the_collector_runs()
    {
        // Given a quiet run of a max+mean-pooled bidirectional GRU, validated on two worker threads
        var model = new ModelOptions(ModelKind.Recurrent, SyntheticData.Vocabulary.Count, EmbeddingDim: 8, HiddenDim: 16, Layers: 2, Pooling: Pooling.MaxMean);
        var training = SyntheticData.Fast(epochs: 2) with { Threads = 2, RecomputeSegment = 4, RecomputeAboveMegabytes = 0 };
        using var quiet = new TempFolder();
        var expected = Trainer.Train(SyntheticData.Request(quiet.Path, model: model, training: training));

        // When the same run trains while another thread collects garbage and runs finalizers without pause
        using var stressed = new TempFolder();
        TrainingResult actual;
        using (var stress = new CollectorStress())
        {
            actual = Trainer.Train(SyntheticData.Request(stressed.Path, model: model, training: training));
            Assert.True(stress.Collections > 10, $"only {stress.Collections} collections");
        }

        // Then it ends with the same figures
        Assert.Equal(
            expected.History.Select(h => (h.TrainLoss, h.ValidationLoss, h.ValidationAccuracy)),
            actual.History.Select(h => (h.TrainLoss, h.ValidationLoss, h.ValidationAccuracy)));
    }

    private static List<EncodedReview> LongReviews(int count, ulong seed)
    {
        var random = new DeterministicRandom(seed);
        return [.. Enumerable.Range(0, count).Select(i =>
            new EncodedReview([.. Enumerable.Range(0, 200 + random.NextInt(200)).Select(_ => 2 + random.NextInt(48))], i % 2))];
    }

    /// <summary>A thread that runs full collections and pending finalizers back to back until disposed.</summary>
    private sealed class CollectorStress : IDisposable
    {
        private readonly Thread _thread;
        private volatile bool _stop;
        private int _collections;

        public CollectorStress()
        {
            _thread = new Thread(() =>
            {
                while (!_stop)
                {
                    GC.Collect();
                    GC.WaitForPendingFinalizers();
                    Interlocked.Increment(ref _collections);
                }
            }) { IsBackground = true, Name = "collector stress" };
            _thread.Start();
        }

        public int Collections => Volatile.Read(ref _collections);

        public void Dispose()
        {
            _stop = true;
            _thread.Join();
        }
    }
}
