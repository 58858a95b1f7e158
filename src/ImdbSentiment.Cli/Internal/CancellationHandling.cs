using System.Runtime.InteropServices;

namespace ImdbSentiment.Cli.Internal;

/// <summary>Turns the first Ctrl+C or SIGTERM into a cancellation; a second one ends the process at once.</summary>
internal sealed class CancellationHandling : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration _terminate;
    private readonly TextWriter _stderr;

    /// <param name="stderr">Where the first signal is acknowledged.</param>
    public CancellationHandling(TextWriter stderr)
    {
        _stderr = stderr;
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle);
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle);
    }

    public CancellationToken Token => _source.Token;

    public void Dispose()
    {
        _interrupt.Dispose();
        _terminate.Dispose();
        _source.Dispose();
    }

    private void Handle(PosixSignalContext context)
    {
        if (_source.IsCancellationRequested)
        {
            return; // let the default handler end the process
        }

        context.Cancel = true;
        _stderr.WriteLine("sentiment: stopping after the current batch (press Ctrl+C again to stop at once)");
        _source.Cancel();
    }
}
