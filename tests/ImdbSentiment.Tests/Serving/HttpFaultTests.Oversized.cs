using System.Net;
using System.Text;
using ImdbSentiment.Cli.Serving;

namespace ImdbSentiment.Tests.Serving;

/// <summary>Bodies far over the limits, and more requests than the queue holds.</summary>
public sealed partial class HttpFaultTests
{
    private const int TenMegabytes = 10 * 1024 * 1024;
    private const string DefaultBodyLimit = "1,048,576 bytes";

    // 64 KiB of a text that never ends, as one chunk of a chunked body.
    private static readonly byte[] Chunk = [.. "10000\r\n"u8, .. Enumerable.Repeat((byte)'w', 0x10000), .. "\r\n"u8];

    [Fact]
    public async Task Should_answer_413_to_a_declared_10_MB_body_before_the_client_sends_it()
    {
        await using var server = await InProcessServer.StartKestrelAsync(model.Predictor);

        var response = await PostDeclaredTenMegabytesAsync(server);

        Assert.Contains(DefaultBodyLimit, response.Error(413));
        await AssertStillServesAsync(server);
    }

    [Fact]
    public async Task Should_answer_413_to_a_chunked_10_MB_body_without_waiting_for_the_rest()
    {
        await using var server = await InProcessServer.StartKestrelAsync(model.Predictor);

        var response = await PostChunkedPastTheLimitAsync(server);

        Assert.Contains(DefaultBodyLimit, response.Error(413));
        await AssertStillServesAsync(server);
    }

    [Theory]
    [InlineData("w5", "holds 100,000 texts; the limit is 256 per request")] // 0.6 MB: within the body limit
    [InlineData("w5 w7 w9 w11", DefaultBodyLimit)] // 1.6 MB: over it
    public async Task Should_answer_413_to_100000_texts_in_one_request(string text, string reason)
    {
        await using var server = await InProcessServer.StartKestrelAsync(model.Predictor);

        var response = await Http.PostTextsAsync(server.Client, Enumerable.Repeat(text, 100_000), expectContinue: true);

        Assert.Contains(reason, await Http.ErrorAsync(response, HttpStatusCode.RequestEntityTooLarge));
        await AssertStillServesAsync(server);
    }

    [Fact]
    public async Task Memory_should_stay_bounded_over_repeated_oversized_requests()
    {
        // Given a server that has answered each kind of oversized request once
        await using var server = await InProcessServer.StartKestrelAsync(model.Predictor);
        await SendEveryOversizedRequestAsync(server);
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var rssBefore = Environment.WorkingSet;

        // When each kind comes 50 more times (500 MB declared, 62 MB sent chunked, 5 million texts)
        for (var i = 0; i < 50; i++)
        {
            await SendEveryOversizedRequestAsync(server);
        }

        // Then the heap and the process grew by far less than what was sent
        var heapGrowth = GC.GetTotalMemory(forceFullCollection: true) - heapBefore;
        var rssGrowth = Environment.WorkingSet - rssBefore;
        Assert.True(heapGrowth < 64 << 20, $"the managed heap grew by {heapGrowth:N0} bytes");
        Assert.True(rssGrowth < 512 << 20, $"the resident set grew by {rssGrowth:N0} bytes");
        await AssertStillServesAsync(server);
    }

    [Fact]
    public async Task Should_answer_503_with_retry_after_to_a_flood_beyond_the_queue_and_score_the_rest()
    {
        // Given a worker held inside its first batch and a queue of four
        const int capacity = 4;
        const int flood = 60;
        using var gate = new WorkerGate();
        await using var server = await InProcessServer.StartKestrelAsync(model.Predictor, new ServeOptions(QueueCapacity: capacity),
            new ServerHooks { BeforeScoring = gate.Hold });
        using var release = gate.OpenOnExit(); // before the server stops, even when an assertion fails
        var busy = Http.PostTextAsync(server.Client, "w5");
        await gate.Entered.WaitAsync(WorkerGate.Patience);

        // When 60 requests arrive at once
        var requests = Enumerable.Range(0, flood).Select(i => Http.PostTextAsync(server.Client, TinyModelFixture.Review(i))).ToArray();
        await Poll.UntilAsync(() => server.Queue.Count == capacity && requests.Count(r => r.IsCompleted) >= flood - capacity);
        gate.Open();
        var responses = await Task.WhenAll(requests);

        // Then all but four were refused at once with 503 and Retry-After, and the four queued ones were scored
        var refused = responses.Where(r => r.StatusCode == HttpStatusCode.ServiceUnavailable).ToList();
        Assert.Equal(flood - capacity, refused.Count);
        foreach (var response in refused)
        {
            Assert.Contains("busy", await Http.ErrorAsync(response, HttpStatusCode.ServiceUnavailable));
            Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
        }

        for (var i = 0; i < flood; i++)
        {
            if (responses[i].StatusCode != HttpStatusCode.ServiceUnavailable)
            {
                var json = await Http.JsonAsync(responses[i], HttpStatusCode.OK);
                Assert.Equal(TinyModelFixture.Review(i), json.GetProperty("text").GetString());
            }
        }

        await Http.JsonAsync(await busy, HttpStatusCode.OK);
        await AssertStillServesAsync(server);
    }

    private async Task SendEveryOversizedRequestAsync(InProcessServer server)
    {
        (await PostDeclaredTenMegabytesAsync(server)).Error(413);
        (await PostChunkedPastTheLimitAsync(server)).Error(413);
        await Http.ErrorAsync(await Http.PostTextsAsync(server.Client, Enumerable.Repeat("w5", 100_000)), HttpStatusCode.RequestEntityTooLarge);
    }

    /// <summary>Declares 10 MB, sends the first 64 KiB, and reads the answer without sending more.</summary>
    private static async Task<RawResponse> PostDeclaredTenMegabytesAsync(InProcessServer server)
    {
        await using var connection = await RawConnection.OpenAsync(server.BaseAddress);
        await connection.TrySendAsync(RequestHead("Content-Length: " + TenMegabytes));
        await connection.TrySendAsync(Chunk.AsMemory(7, 0x10000));
        return await connection.ReadResponseAsync(Patience);
    }

    /// <summary>Sends a chunked body 256 KiB past the 1 MiB limit and reads the answer; the body is never finished.</summary>
    private static async Task<RawResponse> PostChunkedPastTheLimitAsync(InProcessServer server)
    {
        await using var connection = await RawConnection.OpenAsync(server.BaseAddress);
        _ = SendChunksAsync(connection, count: 20); // alongside the read, in case the server stops reading first
        return await connection.ReadResponseAsync(Patience);
    }

    private static async Task SendChunksAsync(RawConnection connection, int count)
    {
        if (!await connection.TrySendAsync(RequestHead("Transfer-Encoding: chunked")) || !await connection.TrySendAsync("b\r\n{\"text\": \"w\r\n"u8.ToArray()))
        {
            return;
        }

        for (var i = 0; i < count; i++)
        {
            if (!await connection.TrySendAsync(Chunk))
            {
                return;
            }
        }
    }

    private static byte[] RequestHead(string framing) => Encoding.ASCII.GetBytes(
        $"POST /api/predict HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n{framing}\r\nConnection: close\r\n\r\n");
}
