using ImdbSentiment.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace ImdbSentiment.Evaluation;

/// <summary>
/// Runs independent inference batches on several threads at once (<see cref="WorkerThreads"/>), each with one libtorch
/// (OpenMP) thread, and restores the caller's thread count afterwards.
/// </summary>
internal static class ParallelBatches
{
    /// <summary>Calls <paramref name="run"/> once for every batch index, in inference mode, on <paramref name="workers"/> threads.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled; batches in flight finish first.</exception>
    public static void Run(int count, int workers, Action<int> run, CancellationToken cancellationToken)
    {
        var callerThreads = torch.get_num_threads();
        var next = -1;
        var failed = 0;
        void Work()
        {
            try
            {
                // OpenMP's thread count is per calling thread, so this limits only this worker's operations.
                torch.set_num_threads(1);
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

        try
        {
            WorkerThreads.Shared.RunOnEach(Math.Min(workers, count), Work);
        }
        finally
        {
            // libtorch also sets the BLAS libraries' process-wide thread count; give the caller its own back.
            NativeRuntime.SetThreads(callerThreads);
        }

        cancellationToken.ThrowIfCancellationRequested();
    }
}
