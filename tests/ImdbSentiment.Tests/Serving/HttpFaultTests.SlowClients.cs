using System.Text;
using ImdbSentiment.Cli.Serving;

namespace ImdbSentiment.Tests.Serving;

/// <summary>Slow-loris clients: headers or bodies sent slowly or never finished, and idle connections.</summary>
public sealed partial class HttpFaultTests
{
    // Small, so each cut comes within seconds; the idle cases (60 s by default, Patience 30 s) also show they reach Kestrel.
    private static readonly ServeOptions Impatient = new(Timeouts: new ConnectionTimeouts(
        RequestHeaders: TimeSpan.FromSeconds(1),
        KeepAlive: TimeSpan.FromSeconds(2),
        MinBytesPerSecond: 240,
        GracePeriod: TimeSpan.FromSeconds(2)));

    private static readonly TimeSpan Trickle = TimeSpan.FromMilliseconds(50); // 20 bytes/s

    private const string PostHead = "POST /api/predict HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n";

    [Fact]
    public async Task A_client_that_stops_inside_the_headers_should_be_cut_off()
    {
        await using var server = await InProcessServer.StartKestrelAsync(model.Predictor, Impatient);
        await using var connection = await RawConnection.OpenAsync(server.BaseAddress);

        await connection.TrySendAsync(PostHead + "Content-Len");
        await AssertStillServesAsync(server); // while the slow client waits

        AssertCutOffWith408(await connection.WaitUntilClosedAsync(Patience));
        await AssertStillServesAsync(server);
    }

    [Fact]
    public async Task A_client_that_trickles_its_headers_should_be_cut_off()
    {
        await using var server = await InProcessServer.StartKestrelAsync(model.Predictor, Impatient);
        await using var connection = await RawConnection.OpenAsync(server.BaseAddress);
        var endlessHeader = Encoding.ASCII.GetBytes(PostHead + "X-Slow: " + new string('a', 2_000)); // 100 s at 20 bytes/s

        var trickling = connection.TrickleAsync(endlessHeader, Trickle);
        await AssertStillServesAsync(server);
        var sent = await trickling.WaitAsync(Patience);

        Assert.True(sent < endlessHeader.Length, "the server waited for all the headers");
        AssertCutOffWith408(await connection.WaitUntilClosedAsync(Patience));
        await AssertStillServesAsync(server);
    }

    [Fact]
    public async Task A_client_that_stops_inside_the_body_should_get_408_and_be_cut_off()
    {
        await using var server = await InProcessServer.StartKestrelAsync(model.Predictor, Impatient);
        await using var connection = await RawConnection.OpenAsync(server.BaseAddress);

        await connection.TrySendAsync(PostHead + "Content-Length: 1000\r\n\r\n{\"text\": \"w5");
        await AssertStillServesAsync(server);

        Assert.Contains("too slowly", (await connection.ReadResponseAsync(Patience)).Error(408));
        await connection.WaitUntilClosedAsync(Patience);
        await AssertStillServesAsync(server);
    }

    [Fact]
    public async Task A_client_that_trickles_its_body_should_get_408_and_be_cut_off()
    {
        await using var server = await InProcessServer.StartKestrelAsync(model.Predictor, Impatient);
        await using var connection = await RawConnection.OpenAsync(server.BaseAddress);
        var body = Encoding.ASCII.GetBytes($"{{\"text\": \"{new string('w', 1_988)}\"}}"); // 2,000 bytes: 100 s at 20 bytes/s
        await connection.TrySendAsync(PostHead + $"Content-Length: {body.Length}\r\n\r\n");

        var trickling = connection.TrickleAsync(body, Trickle);
        await AssertStillServesAsync(server);
        var response = await connection.ReadResponseAsync(Patience);
        var sent = await trickling.WaitAsync(Patience);

        Assert.Contains("too slowly", response.Error(408));
        Assert.True(sent < body.Length, "the server waited for the whole body");
        await connection.WaitUntilClosedAsync(Patience);
        await AssertStillServesAsync(server);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_idle_connection_should_be_closed_after_the_keep_alive_timeout(bool afterOneRequest)
    {
        await using var server = await InProcessServer.StartKestrelAsync(model.Predictor, Impatient);
        await using var connection = await RawConnection.OpenAsync(server.BaseAddress);
        if (afterOneRequest)
        {
            await connection.TrySendAsync("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            Assert.Equal(200, (await connection.ReadResponseAsync(Patience)).StatusCode);
        }

        Assert.Equal(string.Empty, await connection.WaitUntilClosedAsync(Patience));
        await AssertStillServesAsync(server);
    }

    /// <summary>A cut inside the headers comes with Kestrel's bodiless 408.</summary>
    private static void AssertCutOffWith408(string sent)
    {
        Assert.True(RawResponse.TryParse(Encoding.UTF8.GetBytes(sent), closed: true, out var response, out _), $"not a response: '{sent}'");
        Assert.Equal(408, response.StatusCode);
        Assert.Equal(string.Empty, response.Body);
    }
}
