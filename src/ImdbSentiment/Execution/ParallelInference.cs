using static TorchSharp.torch;

namespace ImdbSentiment.Execution;

/// <summary>
/// Runs inference on the <see cref="WorkerThreads"/>, in inference mode with one libtorch thread per thread: independent
/// pieces (evaluation batches) several at once, and the pieces of one forward pass (a bidirectional layer's directions)
/// alongside each other when a thread is free. The recurrent loop's operations are too small for libtorch to split well
/// across cores, so N threads on N pieces beat one piece at a time on N libtorch threads.
/// </summary>
internal static class ParallelInference
{
    /// <summary>
    /// Calls <paramref name="run"/> once for every index below <paramref name="count"/>, in inference mode, on up to
    /// <paramref name="workers"/> worker threads at once (one index at a time on one worker). Called from a worker thread
    /// (nested), it runs every index on that thread instead.
    /// </summary>
    /// <exception cref="OperationCanceledException">The token was cancelled; pieces in flight finish first.</exception>
    public static void Run(int count, int workers, Action<int> run, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        if (count == 0)
        {
            return;
        }

        if (WorkerThreads.IsWorkerThread)
        {
            using var nested = inference_mode();
            for (var i = 0; i < count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                run(i);
            }

            return;
        }

        var next = -1;
        var failed = 0;
        void Work()
        {
            try
            {
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

        WorkerThreads.Shared.RunOnEach(Math.Min(workers, count), Work);
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>
    /// Calls <paramref name="run"/> for every index below <paramref name="count"/>: index 0 on the calling thread, the others
    /// on worker threads among the first <paramref name="among"/> that are free at the moment (in inference mode), else on
    /// the calling thread too. Returns when all
    /// have finished; the first exception is rethrown after that.
    /// </summary>
    public static void RunAlongside(int count, int among, Action<int> run)
    {
        var started = new List<WorkerThreads.Alongside>(count);
        var mine = new List<int> { 0 };
        try
        {
            for (var i = 1; i < count; i++)
            {
                var index = i;
                var alongside = WorkerThreads.Shared.TryRunAlongside(among, () =>
                {
                    using var mode = inference_mode();
                    run(index);
                });
                if (alongside is null)
                {
                    mine.Add(i);
                }
                else
                {
                    started.Add(alongside);
                }
            }

            mine.ForEach(run);
        }
        finally
        {
            // The pieces write into the caller's tensors: never leave before they are done.
            List<Exception>? failures = null;
            foreach (var alongside in started)
            {
                try
                {
                    alongside.Wait();
                }
                catch (Exception ex)
                {
                    (failures ??= []).Add(ex);
                }
            }

            if (failures is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failures[0]).Throw();
            }
        }
    }
}
