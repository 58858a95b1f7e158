using System.Net;
using System.Text;
using System.Text.Json;
using ImdbSentiment.Cli.Serving;
using ImdbSentiment.Data;
using ImdbSentiment.Tests.Fixtures;

namespace ImdbSentiment.Tests.Serving;

[Collection(TorchCollection.Name)]
public sealed class PredictEndpointTests(TinyModelFixture model) : IClassFixture<TinyModelFixture>
{
    [Theory]
    [MemberData(nameof(TinyModelFixture.Engines), MemberType = typeof(TinyModelFixture))]
    public async Task Should_score_one_text_like_the_predictor(string engine)
    {
        // Given
        await using var server = await InProcessServer.StartAsync(model.On(engine));
        var text = TinyModelFixture.Review(0);
        var expected = model.Predictor.Predict(text);

        // When
        var json = await Http.JsonAsync(await Http.PostTextAsync(server.Client, text), HttpStatusCode.OK);

        // Then
        Assert.Equal(["text", "probability", "label", "probabilities"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(text, json.GetProperty("text").GetString());
        Assert.Equal(expected.Probability, json.GetProperty("probability").GetDouble(), 1e-5);
        Assert.Equal(expected.Label == Sentiment.Positive ? "pos" : "neg", json.GetProperty("label").GetString());
        var probabilities = json.GetProperty("probabilities");
        Assert.Equal(["neg", "pos"], probabilities.EnumerateObject().Select(p => p.Name));
        Assert.Equal(expected.Probability, probabilities.GetProperty("pos").GetDouble(), 1e-5);
        Assert.Equal(1 - expected.Probability, probabilities.GetProperty("neg").GetDouble(), 1e-5);
    }

    [Theory]
    [MemberData(nameof(TinyModelFixture.Engines), MemberType = typeof(TinyModelFixture))]
    public async Task Should_score_a_batch_of_texts_in_request_order(string engine)
    {
        // Given
        await using var server = await InProcessServer.StartAsync(model.On(engine));
        var texts = Enumerable.Range(0, 10).Select(TinyModelFixture.Review).ToArray();
        var expected = model.Predictor.PredictBatch(texts);

        // When
        var json = await Http.JsonAsync(await Http.PostTextsAsync(server.Client, texts), HttpStatusCode.OK);

        // Then
        var predictions = json.GetProperty("predictions").EnumerateArray().ToList();
        Assert.Equal(texts.Length, predictions.Count);
        for (var i = 0; i < texts.Length; i++)
        {
            Assert.Equal(texts[i], predictions[i].GetProperty("text").GetString());
            Assert.Equal(expected[i].Probability, predictions[i].GetProperty("probability").GetDouble(), 1e-5);
            Assert.Equal(expected[i].Label == Sentiment.Positive ? "pos" : "neg", predictions[i].GetProperty("label").GetString());
        }
    }

    [Theory]
    [MemberData(nameof(TinyModelFixture.Engines), MemberType = typeof(TinyModelFixture))]
    public async Task The_tiny_model_should_tell_its_rule_apart(string engine)
    {
        await using var server = await InProcessServer.StartAsync(model.On(engine));

        var json = await Http.JsonAsync(await Http.PostTextsAsync(server.Client, ["w5 w7 w9 w11", "w3 w7 w9 w11"]), HttpStatusCode.OK);

        Assert.Equal(["pos", "neg"], json.GetProperty("predictions").EnumerateArray().Select(p => p.GetProperty("label").GetString()));
    }

    [Theory]
    [InlineData("{\"text\": ", "not valid JSON")]
    [InlineData("not json at all", "not valid JSON")]
    [InlineData("", "not valid JSON")]
    [InlineData("[\"a review\"]", "must be a JSON object")]
    [InlineData("{}", "needs a \"text\" string or a \"texts\" array")]
    [InlineData("{\"review\": \"good\"}", "needs a \"text\" string or a \"texts\" array")]
    [InlineData("{\"text\": \"\"}", "\"text\" must not be empty")]
    [InlineData("{\"text\": 42}", "\"text\" must be a string")]
    [InlineData("{\"text\": null}", "\"text\" must be a string")]
    [InlineData("{\"texts\": \"good\"}", "\"texts\" must be an array of strings")]
    [InlineData("{\"texts\": []}", "\"texts\" must hold at least one text")]
    [InlineData("{\"texts\": [\"good\", 3]}", "\"texts[1]\" must be a string")]
    [InlineData("{\"texts\": [\"good\", \"\"]}", "\"texts[1]\" must not be empty")]
    [InlineData("{\"text\": \"a\", \"texts\": [\"b\"]}", "either \"text\" or \"texts\", not both")]
    public async Task Should_answer_400_with_a_json_error_on_a_bad_body(string body, string reason)
    {
        await using var server = await InProcessServer.StartAsync(model.Predictor);

        var message = await Http.ErrorAsync(await Http.PostAsync(server.Client, body), HttpStatusCode.BadRequest);

        Assert.Contains(reason, message);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task Should_answer_415_when_the_body_is_not_declared_json(string contentType)
    {
        await using var server = await InProcessServer.StartAsync(model.Predictor);

        var message = await Http.ErrorAsync(await Http.PostAsync(server.Client, "{\"text\": \"w5\"}", contentType), HttpStatusCode.UnsupportedMediaType);

        Assert.Contains("application/json", message);
    }

    [Fact]
    public async Task Should_answer_415_without_a_content_type()
    {
        await using var server = await InProcessServer.StartAsync(model.Predictor);
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes("{\"text\": \"w5\"}"));

        var response = await server.Client.PostAsync("/api/predict", content);

        await Http.ErrorAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Should_answer_413_when_the_body_is_over_the_limit()
    {
        await using var server = await InProcessServer.StartAsync(model.Predictor, new ServeOptions(MaxRequestBodyBytes: 1000));

        var message = await Http.ErrorAsync(await Http.PostTextAsync(server.Client, new string('w', 2000)), HttpStatusCode.RequestEntityTooLarge);

        Assert.Contains("1,000 bytes", message);
    }

    [Fact]
    public async Task Should_answer_413_on_a_body_over_the_default_megabyte_even_without_a_content_length()
    {
        await using var server = await InProcessServer.StartAsync(model.Predictor);
        var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { text = new string('w', 1_100_000) }));
        var content = new StreamContent(new MemoryStream(body)); // no Content-Length header: the limit is counted while reading
        content.Headers.ContentType = new("application/json");

        var response = await server.Client.PostAsync("/api/predict", content);

        await Http.ErrorAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Should_answer_413_on_a_text_over_max_text_chars()
    {
        await using var server = await InProcessServer.StartAsync(model.Predictor, new ServeOptions(MaxTextChars: 50));

        var message = await Http.ErrorAsync(await Http.PostTextsAsync(server.Client, ["w5", new string('x', 51)]), HttpStatusCode.RequestEntityTooLarge);

        Assert.Equal("\"texts[1]\" has 51 characters; the limit is 50", message);
    }

    [Fact]
    public async Task Should_answer_413_on_more_texts_than_max_texts()
    {
        await using var server = await InProcessServer.StartAsync(model.Predictor, new ServeOptions(MaxTexts: 3));

        var message = await Http.ErrorAsync(await Http.PostTextsAsync(server.Client, ["w5", "w6", "w7", "w8"]), HttpStatusCode.RequestEntityTooLarge);

        Assert.Equal("\"texts\" holds 4 texts; the limit is 3 per request", message);
    }

    [Theory]
    [MemberData(nameof(TinyModelFixture.Engines), MemberType = typeof(TinyModelFixture))]
    public async Task Should_answer_every_one_of_64_parallel_requests_as_the_predictor_does(string engine)
    {
        // Given
        await using var server = await InProcessServer.StartAsync(model.On(engine), new ServeOptions(MaxBatch: 16));
        var texts = Enumerable.Range(0, 64).Select(TinyModelFixture.Review).ToArray();
        var expected = model.Predictor.PredictBatch(texts);

        // When
        var responses = await Task.WhenAll(texts.Select(async text =>
            await Http.JsonAsync(await Http.PostTextAsync(server.Client, text), HttpStatusCode.OK)));

        // Then
        for (var i = 0; i < texts.Length; i++)
        {
            Assert.Equal(texts[i], responses[i].GetProperty("text").GetString());
            Assert.Equal(expected[i].Probability, responses[i].GetProperty("probability").GetDouble(), 1e-5);
            Assert.Equal(expected[i].Label == Sentiment.Positive ? "pos" : "neg", responses[i].GetProperty("label").GetString());
        }
    }

    [Theory]
    [InlineData("GET", "/api/predict", HttpStatusCode.MethodNotAllowed)]
    [InlineData("GET", "/no/such/thing", HttpStatusCode.NotFound)]
    [InlineData("POST", "/healthz", HttpStatusCode.MethodNotAllowed)]
    public async Task Should_answer_json_errors_for_unknown_routes_and_methods(string method, string path, HttpStatusCode expected)
    {
        await using var server = await InProcessServer.StartAsync(model.Predictor);

        var response = await server.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        await Http.ErrorAsync(response, expected);
    }
}
