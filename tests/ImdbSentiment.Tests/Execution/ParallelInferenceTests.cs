using System.Collections.Concurrent;
using ImdbSentiment.Execution;
using ImdbSentiment.Tests.Fixtures;
using TorchSharp;

namespace ImdbSentiment.Tests.Execution;

[Collection(TorchCollection.Name)]
public sealed class ParallelInferenceTests
{
    [Fact]
    public void Each_index_should_run_once_on_a_worker_thread_in_inference_mode_with_one_libtorch_thread()
    {
        var runs = new ConcurrentBag<(int Index, bool OnWorker, bool InferenceMode, int Threads)>();

        ParallelInference.Run(5, 2, i => runs.Add((i, WorkerThreads.IsWorkerThread, torch.is_inference_mode_enabled(), torch.get_num_threads())));

        Assert.Equal([0, 1, 2, 3, 4], runs.Select(r => r.Index).Order());
        Assert.All(runs, r => Assert.True(r.OnWorker && r.InferenceMode && r.Threads == 1, $"index {r.Index}: {r}"));
        Assert.False(WorkerThreads.IsWorkerThread);
    }

    [Theory]
    [InlineData(3, 1)]
    [InlineData(1, 2)]
    public void One_worker_or_one_piece_should_run_in_order_on_one_worker_thread_never_the_callers(int count, int workers)
    {
        var caller = Environment.CurrentManagedThreadId;
        var runs = new List<(int Index, int Thread, bool OnWorker, bool InferenceMode)>();

        ParallelInference.Run(count, workers, i => runs.Add((i, Environment.CurrentManagedThreadId, WorkerThreads.IsWorkerThread, torch.is_inference_mode_enabled())));

        Assert.Equal(Enumerable.Range(0, count), runs.Select(r => r.Index));
        Assert.Single(runs.Select(r => r.Thread).Distinct());
        Assert.All(runs, r => Assert.True(r.Thread != caller && r.OnWorker && r.InferenceMode, $"index {r.Index}: {r}"));
    }

    [Fact]
    public void Pieces_run_alongside_should_each_run_once_and_the_first_on_the_calling_thread()
    {
        var caller = Environment.CurrentManagedThreadId;
        var runs = new ConcurrentBag<(int Index, int Thread)>();

        ParallelInference.RunAlongside(2, 2, i => runs.Add((i, Environment.CurrentManagedThreadId)));

        Assert.Equal([0, 1], runs.Select(r => r.Index).Order());
        Assert.Equal(caller, runs.Single(r => r.Index == 0).Thread);
    }

    [Fact]
    public void A_failing_piece_run_alongside_should_surface_after_the_others_finish()
    {
        var finished = 0;

        var error = Record.Exception(() => ParallelInference.RunAlongside(2, 2, i =>
        {
            if (i == 1)
            {
                throw new InvalidOperationException("broken direction");
            }

            Thread.Sleep(50);
            Interlocked.Increment(ref finished);
        }));

        Assert.Equal("broken direction", Assert.IsType<InvalidOperationException>(error).Message);
        Assert.Equal(1, finished);
    }

    [Fact]
    public async Task A_call_from_a_worker_thread_should_run_inline_instead_of_waiting_for_the_busy_workers()
    {
        // Given an outer call whose pieces each make an inner call (a bidirectional layer inside a parallel evaluation)
        var inner = new ConcurrentBag<(int Outer, int Inner, bool SameThread)>();
        void Outer(int i)
        {
            var thread = Environment.CurrentManagedThreadId;
            ParallelInference.Run(3, 2, j => inner.Add((i, j, Environment.CurrentManagedThreadId == thread)));
        }

        // When (on a task, so that a deadlock fails the test instead of hanging it)
        var run = Task.Run(() => ParallelInference.Run(2, 2, Outer));
        var finished = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(30)));

        // Then every inner piece ran, on its outer piece's thread
        Assert.True(finished == run, "the nested call did not finish");
        await run;
        Assert.Equal(6, inner.Count);
        Assert.All(inner, r => Assert.True(r.SameThread, $"inner piece {r.Inner} of {r.Outer} ran on another thread"));
    }
}
