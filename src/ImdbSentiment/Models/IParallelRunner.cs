namespace ImdbSentiment.Models;

/// <summary>
/// Runs the independent pieces of one computation (a bidirectional layer's two directions), one after the other or at
/// once, as the execution layer decides. A model hands its pieces over; it never starts or picks threads itself.
/// </summary>
public interface IParallelRunner
{
    /// <summary>Calls <paramref name="piece"/> for every index below <paramref name="count"/> and returns when all have finished.</summary>
    /// <param name="count">How many pieces.</param>
    /// <param name="piece">One piece; it may run on another thread, without autograd.</param>
    void Run(int count, Action<int> piece);
}
