namespace ImdbSentiment.Cli.Serving;

/// <summary>The inference queue holds as many requests as it may; the caller answers 503.</summary>
internal sealed class QueueFullException(int capacity)
    : Exception($"the server is busy: {capacity} requests are already waiting; retry shortly");
