namespace ImdbSentiment.Tests.Fixtures;

/// <summary>Reports on the reporting thread, so a test can act (cancel a run) at an exact batch.</summary>
public sealed class SynchronousProgress<T>(Action<T> handler) : IProgress<T>
{
    public void Report(T value) => handler(value);
}
