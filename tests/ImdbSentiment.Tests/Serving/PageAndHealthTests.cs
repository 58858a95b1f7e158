using System.Net;
using ImdbSentiment.Cli.Serving;
using ImdbSentiment.Tests.Fixtures;

namespace ImdbSentiment.Tests.Serving;

[Collection(TorchCollection.Name)]
public sealed class PageAndHealthTests(TinyModelFixture model) : IClassFixture<TinyModelFixture>
{
    [Fact]
    public async Task Healthz_should_say_ok_and_describe_the_model_without_its_path()
    {
        await using var server = await InProcessServer.StartAsync(model.Predictor);

        var response = await server.Client.GetAsync("/healthz");

        var json = await Http.JsonAsync(response, HttpStatusCode.OK);
        Assert.Equal("ok", json.GetProperty("status").GetString());
        var manifest = model.Predictor.Bundle.Manifest;
        Assert.Equal(manifest.Preset, json.GetProperty("model").GetProperty("preset").GetString());
        Assert.Equal(manifest.Model.Describe(), json.GetProperty("model").GetProperty("architecture").GetString());
        Assert.Equal(manifest.VocabularySize, json.GetProperty("model").GetProperty("vocabularySize").GetInt32());
        Assert.DoesNotContain(Path.GetDirectoryName(model.ModelPath)!, json.GetRawText());
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
