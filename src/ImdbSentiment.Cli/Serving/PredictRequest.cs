using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;

namespace ImdbSentiment.Cli.Serving;

/// <summary>
/// The body of <c>POST /api/predict</c>, read within the limits: <c>{"text": "..."}</c> or <c>{"texts": [...]}</c>.
/// Anything else is a <see cref="RequestRejectedException"/>. Other properties are ignored.
/// </summary>
/// <param name="Texts">The texts, in request order.</param>
/// <param name="IsBatch">Whether they came as <c>texts</c> (answered as <c>{"predictions": [...]}</c>).</param>
internal sealed record PredictRequest(IReadOnlyList<string> Texts, bool IsBatch)
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 8 };

    public static async Task<PredictRequest> ReadAsync(HttpRequest request, ServeOptions options, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
        {
            throw RequestRejectedException.NotJson(request.ContentType);
        }

        var body = await ReadBodyAsync(request, options.MaxRequestBodyBytes, cancellationToken).ConfigureAwait(false);
        return Parse(body, options);
    }

    internal static PredictRequest Parse(ReadOnlyMemory<byte> body, ServeOptions options)
    {
        // The JSON reader leaves the bytes inside strings unchecked until they are read, and then throws a plain
        // InvalidOperationException; checking the whole body first makes that a 400 like any other bad body.
        if (!Utf8.IsValid(body.Span))
        {
            throw RequestRejectedException.NotUtf8();
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, DocumentOptions);
        }
        catch (JsonException ex)
        {
            throw RequestRejectedException.MalformedJson(ex.Message);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw RequestRejectedException.NotAnObject();
            }

            var hasText = root.TryGetProperty("text", out var text);
            var hasTexts = root.TryGetProperty("texts", out var texts);
            return (hasText, hasTexts) switch
            {
                (true, true) => throw RequestRejectedException.BothFields(),
                (true, false) => new PredictRequest([ReadText(text, "text", options)], IsBatch: false),
                (false, true) => new PredictRequest(ReadTexts(texts, options), IsBatch: true),
                _ => throw RequestRejectedException.MissingField(),
            };
        }
    }

    private static string[] ReadTexts(JsonElement texts, ServeOptions options)
    {
        if (texts.ValueKind != JsonValueKind.Array)
        {
            throw RequestRejectedException.WrongType("texts", "an array of strings");
        }

        var count = texts.GetArrayLength();
        if (count == 0)
        {
            throw RequestRejectedException.NoTexts();
        }

        if (count > options.MaxTexts)
        {
            throw RequestRejectedException.TooManyTexts(count, options.MaxTexts);
        }

        var result = new string[count];
        var i = 0;
        foreach (var element in texts.EnumerateArray())
        {
            result[i] = ReadText(element, $"texts[{i}]", options);
            i++;
        }

        return result;
    }

    private static string ReadText(JsonElement element, string field, ServeOptions options)
    {
        if (element.ValueKind != JsonValueKind.String)
        {
            throw RequestRejectedException.WrongType(field, "a string");
        }

        string text;
        try
        {
            text = element.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw RequestRejectedException.NotUnicode(field); // an escaped surrogate without its pair, such as "\ud800"
        }

        if (text.Length == 0)
        {
            throw RequestRejectedException.EmptyText(field);
        }

        if (text.Length > options.MaxTextChars)
        {
            throw RequestRejectedException.TextTooLong(field, text.Length, options.MaxTextChars);
        }

        return text;
    }

    // Kestrel enforces MaxRequestBodySize too; counting here keeps the limit in servers that don't (TestServer)
    // and turns either failure into the same 413.
    private static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            throw RequestRejectedException.BodyTooLarge(limit);
        }

        var buffer = new ArrayBufferWriter<byte>((int)Math.Min(request.ContentLength ?? 4096, limit) + 1);
        try
        {
            while (true)
            {
                var read = await request.Body.ReadAsync(buffer.GetMemory(4096), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return buffer.WrittenMemory;
                }

                buffer.Advance(read);
                if (buffer.WrittenCount > limit)
                {
                    throw RequestRejectedException.BodyTooLarge(limit);
                }
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw RequestRejectedException.BodyTooLarge(limit);
        }
    }
}
