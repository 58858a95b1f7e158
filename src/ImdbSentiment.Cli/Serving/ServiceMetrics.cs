using Prometheus;

namespace ImdbSentiment.Cli.Serving;

/// <summary>
/// What <c>GET /metrics</c> reports, in Prometheus' text format: every request (prometheus-net's HTTP metrics: counts
/// by endpoint and status, a latency histogram, requests in progress), the batches the inference worker scores (texts
/// per forward pass, seconds per forward pass, texts scored), the queue's depth, rejections by reason, readiness, and
/// the process (memory, CPU, threads). One registry per server, so servers in one process never share counts.
/// </summary>
internal sealed class ServiceMetrics
{
    private readonly Histogram _batchTexts;
    private readonly Histogram _batchSeconds;
    private readonly Counter _textsScored;
    private readonly Counter _rejections;
    private readonly Gauge _queueDepth;
    private readonly Gauge _ready;

    public ServiceMetrics()
    {
        Registry = Metrics.NewCustomRegistry();
        DotNetStats.Register(Registry);
        var factory = Metrics.WithCustomRegistry(Registry);
        Factory = factory;
        _batchTexts = factory.CreateHistogram("sentiment_batch_texts", "Texts scored together in one forward pass.",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(1, 2, 10) });
        _batchSeconds = factory.CreateHistogram("sentiment_batch_seconds", "Seconds one forward pass (tokenizing included) took.",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.0005, 2, 14) });
        _textsScored = factory.CreateCounter("sentiment_texts_scored_total", "Texts scored.");
        _rejections = factory.CreateCounter("sentiment_rejections_total", "Requests answered without scoring, by reason.",
            new CounterConfiguration { LabelNames = ["reason"] });
        _queueDepth = factory.CreateGauge("sentiment_queue_depth", "Requests waiting for the inference worker.");
        _ready = factory.CreateGauge("sentiment_ready", "1 while /readyz says ready, 0 before start and while draining.");
    }

    public CollectorRegistry Registry { get; }

    public IMetricFactory Factory { get; }

    /// <summary>Reads the queue's depth at every scrape.</summary>
    public void Watch(InferenceQueue queue) => Registry.AddBeforeCollectCallback(() => _queueDepth.Set(queue.Count));

    public void Scored(int texts, TimeSpan elapsed)
    {
        _batchTexts.Observe(texts);
        _batchSeconds.Observe(elapsed.TotalSeconds);
        _textsScored.Inc(texts);
    }

    /// <summary>A request refused: <c>queue_full</c>, <c>stopping</c> or <c>bad_request</c>.</summary>
    public void Rejected(string reason) => _rejections.WithLabels(reason).Inc();

    public void SetReady(bool ready) => _ready.Set(ready ? 1 : 0);
}
