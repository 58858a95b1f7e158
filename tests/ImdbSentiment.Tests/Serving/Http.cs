using System.Net;
using System.Text;
using System.Text.Json;

namespace ImdbSentiment.Tests.Serving;

/// <summary>Small helpers for talking to the service.</summary>
internal static class Http
{
    /// <param name="expectContinue">
    /// Send <c>Expect: 100-continue</c>, as clients do for large bodies: the server can refuse before the body is sent.
    /// Without it, a client still uploading when the server answers and closes sees a broken pipe, not the answer.
    /// </param>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string body, string contentType = "application/json",
        bool expectContinue = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/predict")
        {
            Content = new StringContent(body, Encoding.UTF8, contentType),
        };
        request.Headers.ExpectContinue = expectContinue ? true : null;
        return await client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> PostTextAsync(HttpClient client, string text) =>
        PostAsync(client, JsonSerializer.Serialize(new { text }));

    public static Task<HttpResponseMessage> PostTextsAsync(HttpClient client, IEnumerable<string> texts, bool expectContinue = false) =>
        PostAsync(client, JsonSerializer.Serialize(new { texts }), expectContinue: expectContinue);

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }

    /// <summary>Asserts an error response: the status, a JSON body with exactly one "error" string, and no trace.</summary>
    public static async Task<string> ErrorAsync(HttpResponseMessage response, HttpStatusCode expected) =>
        ErrorMessage(await JsonAsync(response, expected));

    /// <summary>Asserts an error body: exactly one "error" string, on one line, without a trace.</summary>
    public static string ErrorMessage(JsonElement json)
    {
        Assert.Equal(JsonValueKind.Object, json.ValueKind);
        var properties = json.EnumerateObject().ToList();
        Assert.Single(properties);
        Assert.Equal("error", properties[0].Name);
        var message = properties[0].Value.GetString()!;
        Assert.DoesNotContain("\n", message);
        Assert.DoesNotContain("   at ", message);
        Assert.DoesNotContain("Exception", message);
        return message;
    }
}
