using System.Collections.Concurrent;
using ImdbSentiment.Execution;
using ImdbSentiment.Tests.Fixtures;
using TorchSharp;

namespace ImdbSentiment.Tests.Execution;

[Collection(TorchCollection.Name)]
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
    public void Alongside_work_should_run_on_a_free_worker_and_none_should_start_while_every_worker_is_busy()
    {
        // Given two workers, the second of which is held by another caller until released
        var workers = new WorkerThreads();
        workers.RunOnEach(2, () => { });
        using var started = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var holder = workers.TryRunAlongside(2, () =>
        {
            started.Set();
            release.Wait(TimeSpan.FromSeconds(30));
        });
        Assert.NotNull(holder);
        Assert.True(started.Wait(TimeSpan.FromSeconds(30)), "the held work did not start");

        // When another caller asks for one of the two, then for the first alone, then again once it is free
        var ranOn = 0;
        var second = workers.TryRunAlongside(2, () => ranOn = Environment.CurrentManagedThreadId);
        second?.Wait();
        var whileHeld = workers.TryRunAlongside(1, () => { });
        release.Set();
        holder!.Wait();
        var afterwards = workers.TryRunAlongside(1, () => { });
        afterwards?.Wait();

        // Then the free worker took the first, the held one refused at once instead of queueing, and took the last
        Assert.NotNull(second);
        Assert.NotEqual(0, ranOn);
        Assert.NotEqual(Environment.CurrentManagedThreadId, ranOn);
        Assert.Null(whileHeld);
        Assert.NotNull(afterwards);
    }

    [Fact]
    public void An_exception_in_alongside_work_should_reach_the_waiting_caller()
    {
        var workers = new WorkerThreads();

        var alongside = workers.TryRunAlongside(1, () => throw new InvalidOperationException("broken piece"));

        Assert.NotNull(alongside);
        Assert.Equal("broken piece", Assert.Throws<InvalidOperationException>(alongside!.Wait).Message);
    }

    [Fact]
    public void Workers_should_have_one_libtorch_thread_and_leave_the_creators_count_alone()
    {
        ImdbSentiment.Runtime.NativeRuntime.SetThreads(2);
        var workers = new WorkerThreads();
        var counts = new ConcurrentBag<int>();

        workers.RunOnEach(2, () => counts.Add(torch.get_num_threads()));

        Assert.Equal([1, 1], counts);
        Assert.Equal(2, torch.get_num_threads());
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
