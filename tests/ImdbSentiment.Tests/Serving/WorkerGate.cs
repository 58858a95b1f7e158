namespace ImdbSentiment.Tests.Serving;

/// <summary>Holds the inference worker in its first batch until <see cref="Open"/>.</summary>
internal sealed class WorkerGate : IDisposable
{
    /// <summary>How long the gate holds the worker at most, and how long tests wait for it.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly ManualResetEventSlim _open = new();
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Entered => _entered.Task;

    public void Hold(IReadOnlyList<string> texts)
    {
        _entered.TrySetResult();
        _open.Wait(Patience);
    }

    public void Open() => _open.Set();

    public IDisposable OpenOnExit() => new Opener(this);

    public void Dispose()
    {
        _open.Set();
        _open.Dispose();
    }

    private sealed class Opener(WorkerGate gate) : IDisposable
    {
        public void Dispose() => gate.Open();
    }
}
