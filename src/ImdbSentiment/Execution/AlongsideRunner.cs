using ImdbSentiment.Models;

namespace ImdbSentiment.Execution;

/// <summary>
/// Runs a forward pass's independent pieces (a layer's two directions) at once: the first on the calling thread, the
/// others on free worker threads among the first <see cref="Workers"/>, or on the calling thread when none is free (for
/// instance while an evaluation keeps every worker busy, or when the caller is itself one of the workers' pieces).
/// </summary>
/// <param name="Workers">The worker threads it may use.</param>
internal sealed record AlongsideRunner(int Workers) : IParallelRunner
{
    /// <inheritdoc />
    public void Run(int count, Action<int> piece) => ParallelInference.RunAlongside(count, Workers, piece);
}
