namespace ImdbSentiment.Tests.Serving;

/// <summary>Waits for state that another thread or the server changes.</summary>
internal static class Poll
{
    /// <summary>Returns once <paramref name="condition"/> holds; throws after <see cref="WorkerGate.Patience"/>.</summary>
    public static async Task UntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(WorkerGate.Patience);
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }

    /// <summary>Returns once <paramref name="condition"/> holds; throws after <see cref="WorkerGate.Patience"/>.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition)
    {
        using var timeout = new CancellationTokenSource(WorkerGate.Patience);
        while (!await condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}
