using System.Net.Sockets;
using System.Text;

namespace ImdbSentiment.Tests.Serving;

/// <summary>
/// A bare TCP connection to the server, for what HttpClient cannot send: broken or oversized framing, and requests
/// sent slowly or never finished. Everything the server sends is collected in the background until it closes.
/// </summary>
internal sealed class RawConnection : IAsyncDisposable
{
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private readonly MemoryStream _received = new();
    private readonly Task _reading;
    private int _consumed;

    private RawConnection(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
        _reading = ReadUntilClosedAsync();
    }

    /// <summary>Completes when the server has closed (or reset) the connection.</summary>
    public Task Closed => _reading;

    public static async Task<RawConnection> OpenAsync(Uri server)
    {
        var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync(server.Host, server.Port);
        return new RawConnection(client);
    }

    /// <summary>Sends bytes; false when the server has already closed the connection.</summary>
    public async Task<bool> TrySendAsync(ReadOnlyMemory<byte> bytes)
    {
        try
        {
            await _stream.WriteAsync(bytes);
            return true;
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            return false;
        }
    }

    public Task<bool> TrySendAsync(string ascii) => TrySendAsync(Encoding.ASCII.GetBytes(ascii));

    /// <summary>Sends one byte every <paramref name="interval"/> until all are sent or the server closes; returns how many went.</summary>
    public async Task<int> TrickleAsync(ReadOnlyMemory<byte> bytes, TimeSpan interval)
    {
        for (var i = 0; i < bytes.Length; i++)
        {
            if (Closed.IsCompleted || !await TrySendAsync(bytes.Slice(i, 1)))
            {
                return i;
            }

            await Task.WhenAny(Closed, Task.Delay(interval));
        }

        return bytes.Length;
    }

    /// <summary>The next complete response; throws <see cref="TimeoutException"/> if none arrives in time.</summary>
    public async Task<RawResponse> ReadResponseAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            var closed = Closed.IsCompleted;
            var data = Unconsumed();
            if (RawResponse.TryParse(data, closed, out var response, out var length))
            {
                _consumed += length;
                return response;
            }

            if (closed)
            {
                throw new IOException($"the server closed the connection after {data.Length} bytes of an incomplete response: {Encoding.ASCII.GetString(data)}");
            }

            if (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"no complete response within {timeout.TotalSeconds:F0} s");
            }

            await Task.Delay(10);
        }
    }

    /// <summary>Waits until the server closes the connection and returns what it sent that was not read yet.</summary>
    public async Task<string> WaitUntilClosedAsync(TimeSpan timeout)
    {
        try
        {
            await Closed.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"the server still held the connection open after {timeout.TotalSeconds:F0} s");
        }

        return Encoding.UTF8.GetString(Unconsumed());
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _reading;
    }

    private byte[] Unconsumed()
    {
        lock (_received)
        {
            return _received.GetBuffer().AsSpan(_consumed, (int)_received.Length - _consumed).ToArray();
        }
    }

    private async Task ReadUntilClosedAsync()
    {
        await Task.Yield();
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await _stream.ReadAsync(buffer)) > 0)
            {
                lock (_received)
                {
                    _received.Write(buffer, 0, read);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // a reset, or our own dispose: either way the connection is over
        }
    }
}
