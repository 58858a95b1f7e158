using System.Diagnostics;
using System.Threading.Channels;
using ImdbSentiment.Inference;

namespace ImdbSentiment.Cli.Serving;

/// <summary>
/// Serialises model access for the HTTP service: requests wait in a bounded channel, and one dedicated thread
/// drains it, gathering the requests that arrive within <see cref="ServeOptions.BatchWindow"/> (up to
/// <see cref="ServeOptions.MaxBatch"/> texts) into one call of the scorer. Torch's dispose scopes are
/// thread-static, so forward passes never run on an async continuation (style G21).
/// </summary>
internal sealed class InferenceQueue : IHostedService, IDisposable
{
    private readonly Func<IReadOnlyList<string>, IReadOnlyList<Prediction>> _score;
    private readonly ServeOptions _options;
    private readonly ILogger _logger;
    private readonly ServiceMetrics? _metrics;
    private readonly Channel<WorkItem> _channel;
    private readonly Thread _worker;
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _stopping;

    /// <param name="score">Scores texts in order; runs on the worker thread only.</param>
    /// <param name="options">The batching options.</param>
    /// <param name="logger">Where scoring failures go.</param>
    /// <param name="metrics">Where each batch's size and time go, if anywhere.</param>
    public InferenceQueue(Func<IReadOnlyList<string>, IReadOnlyList<Prediction>> score, ServeOptions options, ILogger<InferenceQueue> logger, ServiceMetrics? metrics = null)
    {
        _score = score;
        _metrics = metrics;
        _options = options.Validate();
        _logger = logger;
        _channel = Channel.CreateBounded<WorkItem>(new BoundedChannelOptions(options.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait, // TryWrite then fails at once instead of dropping anything
            SingleReader = true,
            SingleWriter = false,
        });
        _worker = new Thread(Run) { Name = "sentiment inference", IsBackground = true };
    }

    /// <summary>Requests waiting for the worker (not counting the batch it is scoring).</summary>
    public int Count => _channel.Reader.Count;

    /// <summary>Queues texts for scoring, or throws <see cref="QueueFullException"/> at once when the queue is full.</summary>
    public Task<IReadOnlyList<Prediction>> ScoreAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        var item = new WorkItem(texts, cancellationToken);
        if (!_channel.Writer.TryWrite(item))
        {
            throw Volatile.Read(ref _stopping) ? new OperationCanceledException("the server is stopping") : new QueueFullException(_options.QueueCapacity);
        }

        return item.Completion.Task;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _worker.Start();
        return Task.CompletedTask;
    }

    /// <summary>Lets the worker finish what is queued (the server has stopped taking requests by now), then waits for it.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Volatile.Write(ref _stopping, true);
        _channel.Writer.TryComplete();
        if (_worker.IsAlive)
        {
            await _stopped.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        Volatile.Write(ref _stopping, true);
        _channel.Writer.TryComplete();
        if (_worker.IsAlive)
        {
            _worker.Join();
        }
    }

    private void Run()
    {
        var reader = _channel.Reader;
        var batch = new List<WorkItem>();
        try
        {
            // Blocking this thread on the channel is the point: it is ours alone, and it never hops threads.
            while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
            {
                batch.Clear();
                Collect(reader, batch);
                Process(batch);
            }
        }
        finally
        {
            _stopped.TrySetResult();
        }
    }

    private void Collect(ChannelReader<WorkItem> reader, List<WorkItem> batch)
    {
        var texts = 0;
        var deadline = Stopwatch.GetTimestamp() + (long)(_options.Window.TotalSeconds * Stopwatch.Frequency);
        while (texts < _options.MaxBatch)
        {
            if (reader.TryPeek(out var next))
            {
                if (batch.Count > 0 && texts + next.Texts.Count > _options.MaxBatch)
                {
                    return;
                }

                reader.TryRead(out _);
                batch.Add(next);
                texts += next.Texts.Count;
                continue;
            }

            var remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
            if (batch.Count > 0 && remaining <= TimeSpan.Zero)
            {
                return;
            }

            // An abandoned wait completes harmlessly with the next write.
            var more = reader.WaitToReadAsync().AsTask();
            if (!more.Wait(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero) || !more.Result)
            {
                return;
            }
        }
    }

    private void Process(List<WorkItem> batch)
    {
        var live = batch.Where(item => !item.Cancellation.IsCancellationRequested).ToList();
        foreach (var item in batch.Except(live))
        {
            item.Completion.TrySetCanceled(item.Cancellation);
        }

        if (live.Count == 0)
        {
            return;
        }

        try
        {
            var texts = live.Count == 1 ? live[0].Texts : live.SelectMany(item => item.Texts).ToArray();
            var started = Stopwatch.GetTimestamp();
            var predictions = _score(texts);
            _metrics?.Scored(texts.Count, Stopwatch.GetElapsedTime(started));
            var offset = 0;
            foreach (var item in live)
            {
                item.Completion.TrySetResult(Slice(predictions, offset, item.Texts.Count));
                offset += item.Texts.Count;
            }
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "scoring a batch of {Requests} requests failed", live.Count);
            foreach (var item in live)
            {
                item.Completion.TrySetException(ex);
            }
        }
    }

    private static IReadOnlyList<Prediction> Slice(IReadOnlyList<Prediction> predictions, int offset, int count)
    {
        if (offset == 0 && count == predictions.Count)
        {
            return predictions;
        }

        var slice = new Prediction[count];
        for (var i = 0; i < count; i++)
        {
            slice[i] = predictions[offset + i];
        }

        return slice;
    }

    private sealed record WorkItem(IReadOnlyList<string> Texts, CancellationToken Cancellation)
    {
        public TaskCompletionSource<IReadOnlyList<Prediction>> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
