using System.Collections.Concurrent;
using ImdbSentiment.Runtime;

namespace ImdbSentiment.Tests.Runtime;

public sealed class WorkerThreadsTests
{
    [Fact]
    public void Later_runs_should_reuse_the_threads_of_earlier_ones()
    {
        var workers = new WorkerThreads();
        var first = new ConcurrentBag<int>();
        var second = new ConcurrentBag<int>();

        workers.RunOnEach(2, () => first.Add(Environment.CurrentManagedThreadId));
        workers.RunOnEach(2, () => second.Add(Environment.CurrentManagedThreadId));
        workers.RunOnEach(1, () => second.Add(Environment.CurrentManagedThreadId));

        Assert.Equal(2, first.Distinct().Count());
        Assert.Subset(first.ToHashSet(), second.ToHashSet());
        Assert.Equal(2, workers.Started);
        Assert.DoesNotContain(Environment.CurrentManagedThreadId, first);
    }

    [Fact]
    public void The_threads_should_run_at_once_and_the_call_return_after_all_finish()
    {
        var workers = new WorkerThreads();
        using var meeting = new Barrier(3);
        var met = 0;
        var finished = 0;

        workers.RunOnEach(3, () =>
        {
            if (meeting.SignalAndWait(TimeSpan.FromSeconds(30)))
            {
                Interlocked.Increment(ref met);
            }

            Thread.Sleep(20);
            Interlocked.Increment(ref finished);
        });

        Assert.Equal(3, met);
        Assert.Equal(3, Volatile.Read(ref finished));
    }

    [Fact]
    public void Concurrent_callers_should_take_turns_on_the_shared_threads()
    {
        var workers = new WorkerThreads();
        var running = 0;
        var most = 0;
        using var pair = new Barrier(2);
        void Work()
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref most, now);
            pair.SignalAndWait(TimeSpan.FromSeconds(30)); // both threads of a call are inside at once, however slow the machine
            Thread.Sleep(30);
            Interlocked.Decrement(ref running);
        }

        Parallel.For(0, 4, _ => workers.RunOnEach(2, Work));

        Assert.Equal(2, most);
        Assert.Equal(2, workers.Started);
    }

    [Fact]
    public void An_exception_on_a_worker_should_reach_the_caller_after_the_others_finish_and_leave_the_threads_usable()
    {
        var workers = new WorkerThreads();
        var finished = 0;

        var error = Assert.Throws<InvalidOperationException>(() => workers.RunOnEach(2, () =>
        {
            if (Interlocked.Increment(ref finished) == 1)
            {
                throw new InvalidOperationException("broken batch");
            }

            Thread.Sleep(50);
        }));

        Assert.Equal("broken batch", error.Message);
        Assert.Equal(2, Volatile.Read(ref finished));
        var ran = 0;
        workers.RunOnEach(2, () => Interlocked.Increment(ref ran));
        Assert.Equal(2, ran);
    }

    [Fact]
    public async Task TryRunOnEach_should_return_false_without_running_while_another_caller_uses_the_threads()
    {
        // Given a caller whose work holds the threads until released
        var workers = new WorkerThreads();
        using var started = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var busy = Task.Run(() => workers.RunOnEach(1, () =>
        {
            started.Set();
            release.Wait(TimeSpan.FromSeconds(30));
        }));
        Assert.True(started.Wait(TimeSpan.FromSeconds(30)), "the first caller's work did not start");
        var ranWhileBusy = false;
        var ranAfter = false;

        // When another caller tries while they are busy, and again after they are free
        var whileBusy = workers.TryRunOnEach(1, () => ranWhileBusy = true);
        release.Set();
        await busy;
        var after = workers.TryRunOnEach(1, () => ranAfter = true);

        // Then the first try neither ran nor waited, and the second ran
        Assert.False(whileBusy);
        Assert.False(ranWhileBusy);
        Assert.True(after);
        Assert.True(ranAfter);
    }

    [Fact]
    public void A_count_below_one_should_be_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new WorkerThreads().RunOnEach(0, () => { }));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
