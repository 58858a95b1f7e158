using System.Collections.Concurrent;
using ImdbSentiment.Runtime;
using ImdbSentiment.Tests.Fixtures;
using TorchSharp;

namespace ImdbSentiment.Tests.Runtime;

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
    public void One_worker_or_one_piece_should_run_on_the_calling_thread_in_inference_mode(int count, int workers)
    {
        var caller = Environment.CurrentManagedThreadId;
        var runs = new List<(int Index, int Thread, bool InferenceMode)>();

        ParallelInference.Run(count, workers, i => runs.Add((i, Environment.CurrentManagedThreadId, torch.is_inference_mode_enabled())));

        Assert.Equal(Enumerable.Range(0, count), runs.Select(r => r.Index));
        Assert.All(runs, r => Assert.True(r.Thread == caller && r.InferenceMode, $"index {r.Index}: {r}"));
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
