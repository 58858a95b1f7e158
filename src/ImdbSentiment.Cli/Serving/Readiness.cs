
namespace ImdbSentiment.Cli.Serving;

/// <summary>
/// Whether the service takes traffic, for <c>GET /readyz</c>: ready once the host has started (the model is loaded
/// before the host is built), not ready from the moment it is asked to stop. On SIGTERM it then keeps serving for
/// <see cref="ServeOptions.DrainDelay"/>, so a load balancer that polls <c>/readyz</c> sends no new requests before
/// the listener closes; after that the host lets the requests in flight finish and the worker empty its queue.
/// </summary>
internal sealed class Readiness(ServeOptions options, ServiceMetrics metrics) : IHostedLifecycleService
{
    private volatile bool _ready;

    public bool IsReady => _ready;

    public Task StartedAsync(CancellationToken cancellationToken)
    {
        Set(true);
        return Task.CompletedTask;
    }

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        Set(false);
        if (options.Drain > TimeSpan.Zero)
        {
            await Task.Delay(options.Drain, cancellationToken).ConfigureAwait(false);
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Set(bool ready)
    {
        _ready = ready;
        metrics.SetReady(ready);
    }
}
