using System.Net;
using System.Text.Json;
using ImdbSentiment.Cli.Serving;
using ImdbSentiment.Tests.Fixtures;
using Microsoft.AspNetCore.Routing;

namespace ImdbSentiment.Tests.Serving;

/// <summary>
/// What the service exposes: exactly the documented endpoints, none of them on files, and no internals in any answer,
/// not even when the model fails or Kestrel rejects a request before the application sees it.
/// (Loopback-only binding is checked on the process in <see cref="ServeProcessTests"/>; the caps on sizes and
/// queued work in <see cref="HttpFaultTests"/>.)
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class ServeSecurityTests(TinyModelFixture model) : IClassFixture<TinyModelFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_app_should_map_exactly_the_documented_endpoints()
    {
        await using var server = await InProcessServer.StartAsync(model.Predictor);

        var routes = ((IEndpointRouteBuilder)server.App).DataSources
            .SelectMany(source => source.Endpoints)
            .Select(endpoint =>
            {
                var route = Assert.IsType<RouteEndpoint>(endpoint);
                var methods = Assert.Single(route.Metadata.GetOrderedMetadata<IHttpMethodMetadata>()).HttpMethods;
                return $"{string.Join(',', methods)} {route.RoutePattern.RawText}";
            })
            .Order(StringComparer.Ordinal);

        Assert.Equal(["GET /", "GET /healthz", "GET /metrics", "GET /readyz", "POST /api/predict"], routes);
    }

    [Theory]
    [InlineData("GET", "/index.html", HttpStatusCode.NotFound)]
    [InlineData("GET", "/favicon.ico", HttpStatusCode.NotFound)]
    [InlineData("GET", "/etc/passwd", HttpStatusCode.NotFound)]
    [InlineData("GET", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd", HttpStatusCode.NotFound)]
    [InlineData("GET", "/model.bundle", HttpStatusCode.NotFound)]
    [InlineData("GET", "/models/sentiment.bundle", HttpStatusCode.NotFound)]
    [InlineData("PUT", "/model.bundle", HttpStatusCode.NotFound)]
    [InlineData("PUT", "/api/predict", HttpStatusCode.MethodNotAllowed)]
    [InlineData("DELETE", "/api/predict", HttpStatusCode.MethodNotAllowed)]
    [InlineData("PATCH", "/healthz", HttpStatusCode.MethodNotAllowed)]
    public async Task Should_answer_file_like_paths_and_write_methods_with_a_json_error(string method, string path, HttpStatusCode expected)
    {
        await using var server = await InProcessServer.StartAsync(model.Predictor);

        var response = await server.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        await Http.ErrorAsync(response, expected);
    }

    [Theory]
    [InlineData("{\"text\": \"explode w5\"}")]
    [InlineData("{\"texts\": [\"w5\", \"explode w5\"]}")]
    public async Task Should_answer_500_as_a_one_line_json_error_when_the_model_fails(string body)
    {
        // Given a model that fails on one word, with a message that holds a path and a stack frame
        var failure = $"cannot read {model.ModelPath}\n   at ImdbSentiment.Inference.SentimentPredictor.PredictBatch()";
        await using var server = await InProcessServer.StartKestrelAsync(model.Predictor, hooks: new ServerHooks
        {
            BeforeScoring = texts =>
            {
                if (texts.Any(text => text.StartsWith("explode", StringComparison.Ordinal)))
                {
                    throw new InvalidOperationException(failure);
                }
            },
        });

        // When
        var response = await Http.PostAsync(server.Client, body);

        // Then the answer says only that scoring failed, and the next request is scored
        var raw = await response.Content.ReadAsStringAsync();
        Assert.Equal("internal error: the request could not be scored", await Http.ErrorAsync(response, HttpStatusCode.InternalServerError));
        Assert.DoesNotContain(model.ModelPath, raw);
        Assert.DoesNotContain("PredictBatch", raw);
        Assert.DoesNotContain(nameof(InvalidOperationException), raw);
        var json = await Http.JsonAsync(await Http.PostTextAsync(server.Client, "w5 w7"), HttpStatusCode.OK);
        Assert.Equal("w5 w7", json.GetProperty("text").GetString());
    }

    // Kestrel answers the first five itself, with no body; a broken chunk reaches the application, which answers JSON.
    [Theory]
    [InlineData("GARBAGE\r\n\r\n", 400, false)]
    [InlineData("GET / HTTP/1.1\r\n\r\n", 400, false)] // no Host
    [InlineData("GET / HTTP/9.9\r\nHost: 127.0.0.1\r\n\r\n", 505, false)]
    [InlineData("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: {0}\r\n\r\n", 431, false)] // 20 KB of headers, limit 16 KB
    [InlineData("POST /api/predict HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: abc\r\n\r\n", 400, false)]
    [InlineData("POST /api/predict HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n{{}}\r\n0\r\n\r\n", 400, true)]
    public async Task Should_reject_broken_http_without_internals_and_keep_serving(string request, int status, bool json)
    {
        await using var server = await InProcessServer.StartKestrelAsync(model.Predictor);
        await using var connection = await RawConnection.OpenAsync(server.BaseAddress);

        await connection.TrySendAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, request, new string('a', 20_000)));
        var response = await connection.ReadResponseAsync(Patience);

        if (json)
        {
            Assert.Equal("the request could not be read", response.Error(status));
        }
        else
        {
            Assert.Equal(status, response.StatusCode);
            Assert.Equal(string.Empty, response.Body);
        }

        using var document = JsonDocument.Parse(await server.Client.GetStringAsync("/healthz"));
        Assert.Equal("ok", document.RootElement.GetProperty("status").GetString());
    }
}
