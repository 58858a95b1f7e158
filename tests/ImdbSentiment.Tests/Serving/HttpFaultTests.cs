using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using ImdbSentiment.Tests.Fixtures;

namespace ImdbSentiment.Tests.Serving;

/// <summary>
/// The service on real Kestrel under bad input, oversized and slow requests, and overload: every fault gets a clear
/// answer (or a cut connection), and the server answers a normal request afterwards.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed partial class HttpFaultTests(TinyModelFixture model) : IClassFixture<TinyModelFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("application/json", "{\"text\": ", 400, "not valid JSON")]
    [InlineData("application/json", "not json at all", 400, "not valid JSON")]
    [InlineData("application/json", "{\"text\": \"w5\",}", 400, "not valid JSON")]
    [InlineData("application/json", "{'text': 'w5'}", 400, "not valid JSON")]
    [InlineData("application/json", "{\"text\": \"w5\"} {\"text\": \"w6\"}", 400, "not valid JSON")]
    [InlineData("application/json", "{\"texts\": [[[[[[[[[[[[[[[[[[[[\"w5\"]]]]]]]]]]]]]]]]]]]]}", 400, "not valid JSON")]
    [InlineData("application/json", "", 400, "not valid JSON")]
    [InlineData("application/json", "   ", 400, "not valid JSON")]
    [InlineData("application/json", "{\"text\": 42}", 400, "\"text\" must be a string")]
    [InlineData("application/json", "{\"text\": null}", 400, "\"text\" must be a string")]
    [InlineData("application/json", "{\"text\": true}", 400, "\"text\" must be a string")]
    [InlineData("application/json", "{\"text\": [\"w5\"]}", 400, "\"text\" must be a string")]
    [InlineData("application/json", "{\"text\": {\"value\": \"w5\"}}", 400, "\"text\" must be a string")]
    [InlineData("application/json", "{\"texts\": null}", 400, "\"texts\" must be an array of strings")]
    [InlineData("application/json", "{\"texts\": [null]}", 400, "\"texts[0]\" must be a string")]
    [InlineData("application/json", "{\"texts\": [\"w5\", 7]}", 400, "\"texts[1]\" must be a string")]
    [InlineData("application/json", "{}", 400, "needs a \"text\" string or a \"texts\" array")]
    [InlineData("application/json", "{\"Text\": \"w5\"}", 400, "needs a \"text\" string or a \"texts\" array")]
    [InlineData("application/json", "\"w5\"", 400, "must be a JSON object")]
    [InlineData("application/json", "null", 400, "must be a JSON object")]
    [InlineData("text/plain", "{\"text\": \"w5\"}", 415, "application/json")]
    [InlineData("multipart/form-data; boundary=x", "--x--", 415, "application/json")]
    [InlineData("", "{\"text\": \"w5\"}", 415, "no content type")]
    public async Task Should_refuse_a_bad_body_with_a_json_error_and_keep_serving(string contentType, string body, int status, string reason)
    {
        await using var server = await InProcessServer.StartKestrelAsync(model.Predictor);
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (contentType.Length > 0)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        var response = await server.Client.PostAsync("/api/predict", content);

        Assert.Contains(reason, await Http.ErrorAsync(response, (HttpStatusCode)status));
        await AssertStillServesAsync(server);
    }

    // %XX stands for one raw byte, so the cases can carry bytes that are not UTF-8.
    [Theory]
    [InlineData("{\"text\": \"w5 %FF%FE\"}")] // bytes that never occur in UTF-8
    [InlineData("{\"text\": \"w5 %C3\"}")] // a two-byte sequence cut short
    [InlineData("{\"text\": \"%C0%AFw5\"}")] // an overlong encoding of '/'
    [InlineData("{\"text\": \"w5 %ED%A0%80\"}")] // a UTF-16 surrogate encoded as UTF-8
    [InlineData("{\"texts\": [\"w5\", \"%F8%88%80%80%80\"]}")] // an obsolete five-byte form
    [InlineData("{\"te%FFxt\": \"w5\"}")] // in a property name
    [InlineData("%FF{\"text\": \"w5\"}")] // before the JSON
    public async Task Should_answer_400_to_a_body_that_is_not_utf8_and_keep_serving(string template)
    {
        await using var server = await InProcessServer.StartKestrelAsync(model.Predictor);
        var content = new ByteArrayContent(RawBytes(template));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        var response = await server.Client.PostAsync("/api/predict", content);

        Assert.Contains("UTF-8", await Http.ErrorAsync(response, HttpStatusCode.BadRequest));
        await AssertStillServesAsync(server);
    }

    [Theory]
    [InlineData("{\"text\": \"w5 \\ud800\"}", "text")] // a high surrogate alone
    [InlineData("{\"text\": \"\\udc00 w5\"}", "text")] // a low surrogate alone
    [InlineData("{\"texts\": [\"w5\", \"\\ud800\\u0041\"]}", "texts[1]")] // a high surrogate before a letter
    public async Task Should_answer_400_to_an_escaped_lone_surrogate_and_keep_serving(string body, string field)
    {
        await using var server = await InProcessServer.StartKestrelAsync(model.Predictor);

        var response = await Http.PostAsync(server.Client, body);

        var message = await Http.ErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains($"\"{field}\"", message);
        Assert.Contains("Unicode", message);
        await AssertStillServesAsync(server);
    }

    /// <summary>A fresh client (a new connection) still gets a text scored.</summary>
    private static async Task AssertStillServesAsync(InProcessServer server)
    {
        using var client = new HttpClient { BaseAddress = server.BaseAddress, Timeout = Patience };
        var json = await Http.JsonAsync(await Http.PostTextAsync(client, "w5 w7 w9"), HttpStatusCode.OK);
        Assert.Equal("w5 w7 w9", json.GetProperty("text").GetString());
    }

    private static byte[] RawBytes(string template) => [.. RawByte().Split(template).SelectMany(part =>
        part.Length == 3 && part[0] == '%'
            ? [byte.Parse(part.AsSpan(1), NumberStyles.HexNumber, CultureInfo.InvariantCulture)]
            : Encoding.UTF8.GetBytes(part))];

    [GeneratedRegex("(%[0-9A-F]{2})")]
    private static partial Regex RawByte();
}
