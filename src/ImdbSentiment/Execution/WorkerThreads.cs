using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using ImdbSentiment.Runtime;
using TorchSharp;

namespace ImdbSentiment.Execution;

/// <summary>
/// The threads that inference runs on, kept for the life of the process. Each one sets its libtorch thread count to
/// one when it starts and never changes it (changing it per call rebuilds libtorch's thread pools). Long-lived threads
/// also keep their glibc malloc arenas: evaluations on fresh threads left a new arena each time holding the largest
/// batch's memory, which <c>malloc_trim</c> never returns (docs/benchmarks.md, memory).
/// </summary>
internal sealed class WorkerThreads
{
    private readonly List<Worker> _workers = [];
    private readonly Lock _turn = new();
    private readonly Lock _growth = new();

    [ThreadStatic]
    private static Worker? _current;

    /// <summary>The process's worker threads.</summary>
    public static WorkerThreads Shared { get; } = new();

    /// <summary>Whether the calling thread is one of any instance's worker threads.</summary>
    public static bool IsWorkerThread => _current is not null;

    /// <summary>How many threads have been started so far.</summary>
    public int Started
    {
        get
        {
            lock (_growth)
            {
                return _workers.Count;
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> on <paramref name="count"/> threads at once and returns when every one has finished.
    /// Concurrent callers take turns.
    /// </summary>
    /// <exception cref="Exception">The first exception <paramref name="work"/> threw on any thread, once all have finished.</exception>
    public void RunOnEach(int count, Action work)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        lock (_turn)
        {
            var workers = Workers(count);
            using var done = new CountdownEvent(count);
            ExceptionDispatchInfo? failure = null;
            foreach (var worker in workers)
            {
                worker.Post(() =>
                {
                    try
                    {
                        work();
                    }
                    catch (Exception ex)
                    {
                        Interlocked.CompareExchange(ref failure, ExceptionDispatchInfo.Capture(ex), null);
                    }
                }, () => done.Signal());
            }

            done.Wait();
            failure?.Throw();
        }
    }

    /// <summary>
    /// Starts <paramref name="work"/> on one of the first <paramref name="among"/> threads that has nothing to do (never the
    /// calling thread), for the caller to do something else meanwhile and then <see cref="Alongside.Wait"/>. Returns null
    /// when every such thread is busy or queued, so that the caller does the work itself instead of waiting its turn.
    /// </summary>
    public Alongside? TryRunAlongside(int among, Action work)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(among, 1);
        foreach (var worker in Workers(among))
        {
            if (worker != _current && worker.TryClaim())
            {
                var alongside = new Alongside();
                worker.PostClaimed(() => alongside.Run(work), alongside.Finish);
                return alongside;
            }
        }

        return null;
    }

    private List<Worker> Workers(int count)
    {
        lock (_growth)
        {
            if (_workers.Count < count)
            {
                // A worker's first set_num_threads also changes libtorch's process-wide settings (the default for new
                // threads, its pthreadpool, MKL); the creating thread takes its own back once the new workers are ready.
                NativeRuntime.EnsureLoaded();
                var creatorThreads = torch.get_num_threads();
                while (_workers.Count < count)
                {
                    _workers.Add(new Worker($"imdb-sentiment worker {_workers.Count + 1}"));
                }

                torch.set_num_threads(creatorThreads);
            }

            return _workers[..count];
        }
    }

    /// <summary>Work started by <see cref="TryRunAlongside"/>.</summary>
    public sealed class Alongside
    {
        private readonly ManualResetEventSlim _done = new();
        private ExceptionDispatchInfo? _failure;

        /// <summary>Waits for the work to finish and rethrows its exception, if any.</summary>
        public void Wait()
        {
            _done.Wait();
            _done.Dispose();
            _failure?.Throw();
        }

        internal void Run(Action work)
        {
            try
            {
                work();
            }
            catch (Exception ex)
            {
                _failure = ExceptionDispatchInfo.Capture(ex);
            }
        }

        internal void Finish() => _done.Set();
    }

    // A job and what to do once the thread counts as free again: callers learn that a job is done only after that.
    private sealed class Worker
    {
        private readonly BlockingCollection<(Action Job, Action Done)> _queue = [];
        private int _pending;

        public Worker(string name)
        {
            using var ready = new ManualResetEventSlim();
            new Thread(() => Serve(ready)) { IsBackground = true, Name = name }.Start();
            ready.Wait();
        }

        public void Post(Action job, Action done)
        {
            Interlocked.Increment(ref _pending);
            _queue.Add((job, done));
        }

        // Claims the thread only when nothing is running or queued on it.
        public bool TryClaim() => Interlocked.CompareExchange(ref _pending, 1, 0) == 0;

        public void PostClaimed(Action job, Action done) => _queue.Add((job, done));

        private void Serve(ManualResetEventSlim ready)
        {
            _current = this;
            // libtorch sets a thread's count from its process-wide default the first time the thread asks for it; asking
            // first makes that happen now, so that it cannot undo the 1 set here later.
            _ = torch.get_num_threads();
            torch.set_num_threads(1);
            ready.Set();
            foreach (var (job, done) in _queue.GetConsumingEnumerable())
            {
                try
                {
                    job();
                }
                finally
                {
                    Interlocked.Decrement(ref _pending);
                    done();
                }
            }
        }
    }
}
