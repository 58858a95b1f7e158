using ImdbSentiment.Batching;
using ImdbSentiment.Inference;
using ImdbSentiment.Models;
using ImdbSentiment.Runtime;
using ImdbSentiment.Tests.Fixtures;
using TorchSharp;

namespace ImdbSentiment.Tests.Evaluation;

[Collection(TorchCollection.Name)]
public sealed class ParallelEvaluationTests
{
    private static readonly IReadOnlyList<EncodedReview> Reviews = SyntheticData.Reviews(300, seed: 11);

    [Theory]
    [InlineData(2, Precision.Float32)]
    [InlineData(3, Precision.Float32)]
    [InlineData(2, Precision.BFloat16)]
    public void Several_workers_should_give_one_workers_logits_and_leave_the_thread_count_alone(int workers, Precision precision)
    {
        NativeRuntime.SetThreads(2);
        torch.manual_seed(3);
        using var model = ModelFactory.Create(SyntheticData.TinyGru);
        if (precision == Precision.BFloat16)
        {
            model.to(torch.ScalarType.BFloat16);
        }

        var sequential = BatchScorer.Logits(model, Reviews, padIndex: 1, batchSize: 8);
        var reports = new List<(int Done, int Total)>();
        var parallel = BatchScorer.Logits(model, Reviews, padIndex: 1, batchSize: 8, new SynchronousProgress(reports), workers: workers);

        Assert.Equal(2, torch.get_num_threads());
        Assert.Equal(sequential.Length, parallel.Length);
        for (var i = 0; i < sequential.Length; i++)
        {
            Assert.True(Math.Abs(sequential[i] - parallel[i]) <= 1e-5, $"review {i}: {sequential[i]} vs {parallel[i]}");
        }

        var total = reports[0].Total;
        Assert.True(total > workers, $"only {total} batches");
        Assert.Equal(Enumerable.Range(1, total), reports.Select(r => r.Done).Order());
    }

    [Fact]
    public void Cancellation_should_stop_the_workers_and_throw()
    {
        torch.manual_seed(3);
        using var model = ModelFactory.Create(SyntheticData.TinyGru);
        using var cancel = new CancellationTokenSource();
        var done = 0;
        var progress = new SynchronousProgress([], () =>
        {
            if (Interlocked.Increment(ref done) == 3)
            {
                cancel.Cancel();
            }
        });

        Assert.Throws<OperationCanceledException>(() =>
            BatchScorer.Logits(model, Reviews, padIndex: 1, batchSize: 4, progress, cancel.Token, workers: 2));
        // Each of the two workers may finish the batch it holds, or start one just before the third report's cancel lands.
        Assert.InRange(done, 3, 5);
    }

    [Fact]
    public void A_failing_batch_should_surface_its_exception()
    {
        torch.manual_seed(3);
        using var model = ModelFactory.Create(SyntheticData.TinyGru);
        var broken = Reviews.Select((r, i) => i == 250 ? r with { TokenIds = [.. r.TokenIds.Select(_ => 1_000_000)] } : r).ToArray();

        var error = Record.Exception(() => BatchScorer.Logits(model, broken, padIndex: 1, batchSize: 8, workers: 2));

        Assert.NotNull(error);
        Assert.IsNotType<AggregateException>(error);
        Assert.Contains("index", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    private sealed class SynchronousProgress(List<(int Done, int Total)> reports, Action? onReport = null) : IProgress<(int Done, int Total)>
    {
        public void Report((int Done, int Total) value)
        {
            lock (reports)
            {
                reports.Add(value);
            }

            onReport?.Invoke();
        }
    }
}
