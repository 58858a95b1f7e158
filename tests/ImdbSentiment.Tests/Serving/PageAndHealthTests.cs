using System.Net;
using ImdbSentiment.Cli.Serving;
using ImdbSentiment.Tests.Fixtures;

namespace ImdbSentiment.Tests.Serving;

[Collection(TorchCollection.Name)]
public sealed class PageAndHealthTests(TinyModelFixture model) : IClassFixture<TinyModelFixture>
{
    [Theory]
    [MemberData(nameof(TinyModelFixture.Engines), MemberType = typeof(TinyModelFixture))]
    public async Task Healthz_should_say_ok_and_describe_the_model_without_its_path(string engine)
    {
        await using var server = await InProcessServer.StartAsync(model.On(engine));

        var response = await server.Client.GetAsync("/healthz");

        var json = await Http.JsonAsync(response, HttpStatusCode.OK);
        Assert.Equal("ok", json.GetProperty("status").GetString());
        Assert.Equal(engine == "onnx" ? "onnxruntime" : "libtorch", json.GetProperty("model").GetProperty("engine").GetString());
        Assert.Equal(["neg", "pos"], json.GetProperty("model").GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
        var manifest = model.Predictor.Bundle.Manifest;
        Assert.Equal(manifest.BestEpoch, json.GetProperty("model").GetProperty("bestEpoch").GetInt32());
        Assert.Equal(manifest.Preset, json.GetProperty("model").GetProperty("preset").GetString());
        Assert.Equal(manifest.Model.Describe(), json.GetProperty("model").GetProperty("architecture").GetString());
        Assert.Equal(manifest.VocabularySize, json.GetProperty("model").GetProperty("vocabularySize").GetInt32());
        Assert.DoesNotContain(Path.GetDirectoryName(model.ModelPath)!, json.GetRawText());
    }

    [Fact]
    public async Task Readyz_should_say_ready_once_started()
    {
        await using var server = await InProcessServer.StartAsync(model.Predictor);

        var json = await Http.JsonAsync(await server.Client.GetAsync("/readyz"), HttpStatusCode.OK);

        Assert.Equal("ready", json.GetProperty("status").GetString());
    }

    [Fact]
    public async Task On_stopping_readyz_should_answer_503_while_predictions_are_still_served_for_the_drain_delay()
    {
        // Given a server that drains for 3 s
        await using var server = await InProcessServer.StartKestrelAsync(model.Predictor, new ServeOptions(DrainDelay: TimeSpan.FromSeconds(3)));

        // When it is asked to stop
        var stopping = server.App.StopAsync();
        await Poll.UntilAsync(async () => (await server.Client.GetAsync("/readyz")).StatusCode == HttpStatusCode.ServiceUnavailable);

        // Then it says so on /readyz, and still scores, until the delay is over
        Assert.False(stopping.IsCompleted);
        var json = await Http.JsonAsync(await Http.PostTextAsync(server.Client, TinyModelFixture.Review(0)), HttpStatusCode.OK);
        Assert.Equal("pos", json.GetProperty("label").GetString());
        var draining = await Http.JsonAsync(await server.Client.GetAsync("/readyz"), HttpStatusCode.ServiceUnavailable);
        Assert.Equal("draining", draining.GetProperty("status").GetString());
        await stopping;
    }

    [Fact]
    public async Task Metrics_should_count_requests_scored_texts_batches_and_rejections()
    {
        // Given a server that scored one request of three texts and refused one bad body
        await using var server = await InProcessServer.StartAsync(model.Predictor);
        await Http.JsonAsync(await Http.PostTextsAsync(server.Client, [TinyModelFixture.Review(0), TinyModelFixture.Review(1), TinyModelFixture.Review(2)]), HttpStatusCode.OK);
        using var bad = new StringContent("{\"text\": 5}", System.Text.Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.BadRequest, (await server.Client.PostAsync("/api/predict", bad)).StatusCode);

        // When Prometheus scrapes (the HTTP metrics count a request once its response is complete, so scrape until they have)
        static bool Counted(string line) => line.StartsWith("http_request_duration_seconds_count{code=\"200\",method=\"POST\"", StringComparison.Ordinal)
                                            && line.Contains("endpoint=\"/api/predict\"", StringComparison.Ordinal) && line.EndsWith(" 1", StringComparison.Ordinal);
        string[] lines = [];
        await Poll.UntilAsync(async () =>
        {
            var response = await server.Client.GetAsync("/metrics");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
            lines = (await response.Content.ReadAsStringAsync()).Split('\n');
            return lines.Any(Counted);
        });

        // Then
        Assert.Contains("sentiment_texts_scored_total 3", lines);
        Assert.Contains("sentiment_batch_texts_count 1", lines);
        Assert.Contains("sentiment_batch_texts_bucket{le=\"2\"} 0", lines);
        Assert.Contains("sentiment_batch_texts_bucket{le=\"4\"} 1", lines);
        Assert.Contains("sentiment_rejections_total{reason=\"bad_request\"} 1", lines);
        Assert.Contains("sentiment_queue_depth 0", lines);
        Assert.Contains("sentiment_ready 1", lines);
        Assert.Contains(lines, l => l.StartsWith("process_working_set_bytes ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Root_should_serve_a_self_contained_page_with_the_form()
    {
        await using var server = await InProcessServer.StartAsync(model.Predictor);

        var response = await server.Client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<form id=\"form\">", html);
        Assert.Contains("<textarea id=\"review\"", html);
        Assert.Contains("<button id=\"score\" type=\"submit\">", html);
        Assert.Contains("fetch(\"api/predict\"", html);
        Assert.DoesNotContain("http://", html);
        Assert.DoesNotContain("https://", html);
        Assert.DoesNotContain(" src=", html);
        Assert.Equal(IndexPage.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task Responses_should_carry_nosniff_and_no_server_header()
    {
        await using var server = await InProcessServer.StartKestrelAsync(model.Predictor);

        var response = await server.Client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.False(response.Headers.Contains("Server"));
    }

    [Fact]
    public async Task Kestrel_should_answer_413_as_json_when_the_declared_body_is_over_the_limit()
    {
        await using var server = await InProcessServer.StartKestrelAsync(model.Predictor, new ServeOptions(MaxRequestBodyBytes: 100));

        var response = await Http.PostTextAsync(server.Client, new string('w', 500));

        await Http.ErrorAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }
}
