using System.Collections.Concurrent;

namespace ImdbSentiment.Runtime;

/// <summary>
/// The threads <see cref="ParallelInference"/> runs on, kept for the life of the process. glibc gives each thread a malloc
/// arena and <c>malloc_trim</c> hands back the free top of no arena but the main one, so evaluations on fresh threads
/// left a different arena each time holding its largest batch's memory: on a three-epoch, 3,500-review training run the
/// thread arenas grew from 37 to 90 MB resident while malloc's bytes in use stayed flat (docs/benchmarks.md, memory,
/// session 6). Threads that stay reuse their arenas.
/// </summary>
internal sealed class WorkerThreads
{
    private readonly List<BlockingCollection<Action>> _queues = [];
    private readonly Lock _gate = new();

    [ThreadStatic]
    private static bool _isWorkerThread;

    /// <summary>The process's worker threads.</summary>
    public static WorkerThreads Shared { get; } = new();

    /// <summary>Whether the calling thread is one of any instance's worker threads.</summary>
    public static bool IsWorkerThread => _isWorkerThread;

    /// <summary>How many threads have been started so far.</summary>
    public int Started
    {
        get
        {
            lock (_gate)
            {
                return _queues.Count;
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> on <paramref name="count"/> threads at once and returns when every one has finished.
    /// Concurrent callers take turns.
    /// </summary>
    /// <exception cref="Exception">The first exception <paramref name="work"/> threw on any thread, once all have finished.</exception>
    public void RunOnEach(int count, Action work) => Run(count, work, wait: true);

    /// <summary>
    /// Like <see cref="RunOnEach"/>, but when another caller is using the threads it returns false at once, without
    /// running <paramref name="work"/>, instead of waiting for its turn (which may be a whole evaluation).
    /// </summary>
    /// <exception cref="Exception">The first exception <paramref name="work"/> threw on any thread, once all have finished.</exception>
    public bool TryRunOnEach(int count, Action work) => Run(count, work, wait: false);

    private bool Run(int count, Action work, bool wait)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (wait)
        {
            _gate.Enter();
        }
        else if (!_gate.TryEnter())
        {
            return false;
        }

        try
        {
            while (_queues.Count < count)
            {
                var queue = new BlockingCollection<Action>();
                new Thread(() => Serve(queue)) { IsBackground = true, Name = $"imdb-sentiment worker {_queues.Count + 1}" }.Start();
                _queues.Add(queue);
            }

            using var done = new CountdownEvent(count);
            System.Runtime.ExceptionServices.ExceptionDispatchInfo? failure = null;
            for (var i = 0; i < count; i++)
            {
                _queues[i].Add(() =>
                {
                    try
                    {
                        work();
                    }
                    catch (Exception ex)
                    {
                        Interlocked.CompareExchange(ref failure, System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex), null);
                    }
                    finally
                    {
                        done.Signal();
                    }
                });
            }

            done.Wait();
            failure?.Throw();
            return true;
        }
        finally
        {
            _gate.Exit();
        }
    }

    private static void Serve(BlockingCollection<Action> queue)
    {
        _isWorkerThread = true;
        foreach (var job in queue.GetConsumingEnumerable())
        {
            job();
        }
    }
}
