using TorchSharp;
using static TorchSharp.torch;

namespace ImdbSentiment.Runtime;

/// <summary>
/// Runs independent pieces of inference (evaluation batches, the two directions of a recurrent layer) on several
/// threads at once (<see cref="WorkerThreads"/>), each with one libtorch (OpenMP) thread, and restores the caller's
/// thread count afterwards.
/// </summary>
internal static class ParallelInference
{
    /// <summary>
    /// Calls <paramref name="run"/> once for every index below <paramref name="count"/>, in inference mode, on
    /// <paramref name="workers"/> threads. With one worker or fewer than two pieces, or when called from one of those
    /// threads (nested, which has one libtorch thread already), it runs every index on the calling thread instead, with
    /// the caller's libtorch threads.
    /// </summary>
    /// <exception cref="OperationCanceledException">The token was cancelled; pieces in flight finish first.</exception>
    public static void Run(int count, int workers, Action<int> run, CancellationToken cancellationToken = default)
    {
        if (workers == 1 || count < 2 || WorkerThreads.IsWorkerThread)
        {
            using var mode = inference_mode();
            for (var i = 0; i < count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                run(i);
            }

            return;
        }

        Execute(count, workers, run, wait: true, cancellationToken);
    }

    /// <summary>
    /// Like <see cref="Run"/>, but returns false at once, running nothing, when the workers are busy with another caller
    /// (or the calling thread is a worker), so that a short job can run on the calling thread instead of waiting.
    /// </summary>
    public static bool TryRun(int count, int workers, Action<int> run) =>
        !WorkerThreads.IsWorkerThread && Execute(count, workers, run, wait: false, CancellationToken.None);

    private static bool Execute(int count, int workers, Action<int> run, bool wait, CancellationToken cancellationToken)
    {
        var callerThreads = torch.get_num_threads();
        var next = -1;
        var failed = 0;
        void Work()
        {
            try
            {
                // OpenMP's thread count is per calling thread, so this limits only this worker's operations. Set only once
                // per worker: setting it on every call made warm predict about twice as slow (2.9–3.8 against 1.7–1.8 ms),
                // most likely because libtorch also rebuilds its process-wide pthreadpool on every change, and a new
                // pool's threads spin for a while, taking a core from the workers.
                if (torch.get_num_threads() != 1)
                {
                    torch.set_num_threads(1);
                }

                using var mode = inference_mode();
                int i;
                while ((i = Interlocked.Increment(ref next)) < count && !cancellationToken.IsCancellationRequested && Volatile.Read(ref failed) == 0)
                {
                    run(i);
                }
            }
            catch
            {
                // Stops the other workers; WorkerThreads hands the exception to the caller once they have finished.
                Volatile.Write(ref failed, 1);
                throw;
            }
        }

        var ran = true;
        try
        {
            var threads = Math.Min(workers, count);
            if (wait)
            {
                WorkerThreads.Shared.RunOnEach(threads, Work);
            }
            else
            {
                ran = WorkerThreads.Shared.TryRunOnEach(threads, Work);
            }
        }
        finally
        {
            // libtorch also sets process-wide thread counts (its pthreadpool's); give the caller its own back. A no-op
            // after a worker's first call, as the workers no longer change them.
            NativeRuntime.SetThreads(callerThreads);
        }

        cancellationToken.ThrowIfCancellationRequested();
        return ran;
    }
}
