namespace ImdbSentiment.Cli.Serving;

/// <summary>
/// How long Kestrel lets a client dawdle before it cuts the connection: the defences against slow-loris clients
/// that hold connections open by sending headers or bodies slowly, or not at all.
/// </summary>
/// <param name="RequestHeaders">All headers of a request must arrive within this (Kestrel answers 408 and closes).</param>
/// <param name="KeepAlive">A connection with no request in progress, new or between requests, is closed after this.</param>
/// <param name="MinBytesPerSecond">Request bodies must arrive, and responses be taken, at least this fast (408 and close) ...</param>
/// <param name="GracePeriod">... once this grace period is over; it must exceed Kestrel's 1 s heartbeat.</param>
internal sealed record ConnectionTimeouts(TimeSpan RequestHeaders, TimeSpan KeepAlive, double MinBytesPerSecond, TimeSpan GracePeriod)
{
    public static readonly ConnectionTimeouts Default = new(
        RequestHeaders: TimeSpan.FromSeconds(10),
        KeepAlive: TimeSpan.FromSeconds(60),
        MinBytesPerSecond: 240,
        GracePeriod: TimeSpan.FromSeconds(5));

    public ConnectionTimeouts Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(RequestHeaders, TimeSpan.Zero, nameof(RequestHeaders));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(KeepAlive, TimeSpan.Zero, nameof(KeepAlive));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(MinBytesPerSecond, 0, nameof(MinBytesPerSecond));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(GracePeriod, TimeSpan.FromSeconds(1), nameof(GracePeriod));
        return this;
    }
}
