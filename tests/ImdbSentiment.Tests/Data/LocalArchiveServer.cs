using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ImdbSentiment.Tests.Data;

/// <summary>
/// A minimal HTTP/1.1 server on 127.0.0.1 (ephemeral port) that serves one file, honours <c>Range: bytes=N-</c>,
/// records every request's Range header, and can misbehave on purpose: drop the connection after some bytes
/// of the first response or stall there, ignore Range, or answer with a fixed status.
/// </summary>
internal sealed class LocalArchiveServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly byte[] _content;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly List<string?> _ranges = [];
    private int _requests;

    public LocalArchiveServer(byte[] content)
    {
        _content = content;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Url = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/aclImdb_v1.tar.gz");
        _loop = Task.Run(AcceptLoopAsync);
    }

    public Uri Url { get; }

    /// <summary>When set, the first response announces the full length but the socket closes after this many body bytes.</summary>
    public int? DropFirstResponseAfter { get; init; }

    /// <summary>When set, the first response sends this many body bytes and then nothing more until the client hangs up.</summary>
    public int? StallFirstResponseAfter { get; init; }

    /// <summary>When false, Range headers are ignored and the whole file is sent with 200.</summary>
    public bool SupportsRange { get; init; } = true;

    /// <summary>When set, every request is answered with this status and no body.</summary>
    public HttpStatusCode? FixedStatus { get; init; }

    /// <summary>The Range header of each request so far, in order (null when absent).</summary>
    public IReadOnlyList<string?> Ranges
    {
        get
        {
            lock (_ranges)
            {
                return [.. _ranges];
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // the loop ends by cancellation
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            using (client)
            {
                try
                {
                    await ServeAsync(client.GetStream());
                }
                catch (IOException)
                {
                    // the client went away; the test asserts what it needs on its side
                }
            }
        }
    }

    private async Task ServeAsync(NetworkStream stream)
    {
        var range = ParseRangeHeader(await ReadHeadersAsync(stream));
        var requestNumber = Interlocked.Increment(ref _requests);
        lock (_ranges)
        {
            _ranges.Add(range);
        }

        if (FixedStatus is { } status)
        {
            await WriteAsync(stream, $"HTTP/1.1 {(int)status} {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            return;
        }

        var start = 0L;
        string head;
        if (range is not null && SupportsRange && long.TryParse(range["bytes=".Length..].TrimEnd('-'), out var from))
        {
            if (from >= _content.Length)
            {
                await WriteAsync(stream, $"HTTP/1.1 416 Range Not Satisfiable\r\nContent-Range: bytes */{_content.Length}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                return;
            }

            start = from;
            head = $"HTTP/1.1 206 Partial Content\r\nContent-Range: bytes {from}-{_content.Length - 1}/{_content.Length}\r\n";
        }
        else
        {
            head = "HTTP/1.1 200 OK\r\n";
        }

        await WriteAsync(stream, head + $"Content-Type: application/gzip\r\nAccept-Ranges: bytes\r\nContent-Length: {_content.Length - start}\r\nConnection: close\r\n\r\n");
        var end = requestNumber == 1 && (DropFirstResponseAfter ?? StallFirstResponseAfter) is { } cut ? Math.Min(start + cut, _content.Length) : _content.Length;
        await stream.WriteAsync(_content.AsMemory((int)start, (int)(end - start)));
        await stream.FlushAsync();
        if (requestNumber == 1 && StallFirstResponseAfter is not null)
        {
            // The client sends nothing more, so the read ends when it closes the connection.
            await stream.ReadAtLeastAsync(new byte[1], 1, throwOnEndOfStream: false, _stop.Token);
        }
    }

    private static async Task<string> ReadHeadersAsync(NetworkStream stream)
    {
        var received = new List<byte>();
        var buffer = new byte[1];
        while (await stream.ReadAsync(buffer) == 1)
        {
            received.Add(buffer[0]);
            if (received.Count >= 4 && received[^4] == '\r' && received[^3] == '\n' && received[^2] == '\r' && received[^1] == '\n')
            {
                break;
            }
        }

        return Encoding.ASCII.GetString(received.ToArray());
    }

    private static string? ParseRangeHeader(string headers) => headers
        .Split("\r\n")
        .Where(line => line.StartsWith("Range:", StringComparison.OrdinalIgnoreCase))
        .Select(line => line["Range:".Length..].Trim())
        .FirstOrDefault();

    private static Task WriteAsync(NetworkStream stream, string text) => stream.WriteAsync(Encoding.ASCII.GetBytes(text)).AsTask();
}
