namespace ImdbSentiment.Cli.Serving;

/// <summary>The limits and batching knobs of <c>sentiment serve</c>; <see cref="Validate"/> names the culprit.</summary>
/// <param name="MaxBatch">Texts the worker collects into one call of the predictor (a larger request is scored alone).</param>
/// <param name="BatchWindow">How long the worker waits for more requests after the first one of a batch.</param>
/// <param name="QueueCapacity">Requests that may wait for the worker; one more is answered 503.</param>
/// <param name="MaxTextChars">The longest text accepted (413 above it).</param>
/// <param name="MaxTexts">The most texts one request may carry (413 above it).</param>
/// <param name="MaxRequestBodyBytes">The largest request body accepted (413 above it).</param>
/// <param name="LogRequests">Log one line per request (off: only failures are logged).</param>
/// <param name="Timeouts">How long clients may take to send a request (default <see cref="ConnectionTimeouts.Default"/>).</param>
/// <param name="DrainDelay">On SIGTERM, how long to keep serving with <c>/readyz</c> answering 503 before the listener closes (default none).</param>
internal sealed record ServeOptions(
    int MaxBatch = 64,
    TimeSpan? BatchWindow = null,
    int QueueCapacity = 256,
    int MaxTextChars = 100_000,
    int MaxTexts = 256,
    long MaxRequestBodyBytes = 1024 * 1024,
    bool LogRequests = false,
    ConnectionTimeouts? Timeouts = null,
    TimeSpan? DrainDelay = null)
{
    public static readonly TimeSpan DefaultBatchWindow = TimeSpan.FromMilliseconds(2);

    public TimeSpan Window => BatchWindow ?? DefaultBatchWindow;

    public ConnectionTimeouts Connection => Timeouts ?? ConnectionTimeouts.Default;

    public TimeSpan Drain => DrainDelay ?? TimeSpan.Zero;

    public ServeOptions Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBatch, 1, nameof(MaxBatch));
        ArgumentOutOfRangeException.ThrowIfLessThan(Window, TimeSpan.Zero, nameof(BatchWindow));
        ArgumentOutOfRangeException.ThrowIfLessThan(QueueCapacity, 1, nameof(QueueCapacity));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxTextChars, 1, nameof(MaxTextChars));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxTexts, 1, nameof(MaxTexts));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRequestBodyBytes, 1, nameof(MaxRequestBodyBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(Drain, TimeSpan.Zero, nameof(DrainDelay));
        Connection.Validate();
        return this;
    }
}
