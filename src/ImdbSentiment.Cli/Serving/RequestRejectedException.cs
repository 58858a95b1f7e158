
namespace ImdbSentiment.Cli.Serving;

/// <summary>A request the service refuses, with the status code and the one-line reason sent back as <c>{"error"}</c>.</summary>
internal sealed class RequestRejectedException : Exception
{
    private RequestRejectedException(int statusCode, string message)
        : base(message)
    {
        StatusCode = statusCode;
    }

    public int StatusCode { get; }

    public static RequestRejectedException NotJson(string? contentType) => new(StatusCodes.Status415UnsupportedMediaType,
        $"the body must be JSON (Content-Type: application/json), not {(string.IsNullOrEmpty(contentType) ? "no content type" : contentType)}");

    public static RequestRejectedException BodyTooLarge(long limit) => new(StatusCodes.Status413PayloadTooLarge,
        $"the body is larger than the limit of {limit:N0} bytes");

    public static RequestRejectedException MalformedJson(string detail) => new(StatusCodes.Status400BadRequest,
        $"the body is not valid JSON: {detail}");

    public static RequestRejectedException NotUtf8() => new(StatusCodes.Status400BadRequest,
        "the body is not valid UTF-8");

    public static RequestRejectedException NotUnicode(string field) => new(StatusCodes.Status400BadRequest,
        $"\"{field}\" is not valid Unicode: it escapes half of a surrogate pair without the other half");

    public static RequestRejectedException NotAnObject() => new(StatusCodes.Status400BadRequest,
        "the body must be a JSON object: {\"text\": \"...\"} or {\"texts\": [\"...\", ...]}");

    public static RequestRejectedException MissingField() => new(StatusCodes.Status400BadRequest,
        "the body needs a \"text\" string or a \"texts\" array of strings");

    public static RequestRejectedException BothFields() => new(StatusCodes.Status400BadRequest,
        "give either \"text\" or \"texts\", not both");

    public static RequestRejectedException WrongType(string field, string expected) => new(StatusCodes.Status400BadRequest,
        $"\"{field}\" must be {expected}");

    public static RequestRejectedException EmptyText(string field) => new(StatusCodes.Status400BadRequest,
        $"\"{field}\" must not be empty");

    public static RequestRejectedException NoTexts() => new(StatusCodes.Status400BadRequest,
        "\"texts\" must hold at least one text");

    public static RequestRejectedException TextTooLong(string field, int length, int limit) => new(StatusCodes.Status413PayloadTooLarge,
        $"\"{field}\" has {length:N0} characters; the limit is {limit:N0}");

    public static RequestRejectedException TooManyTexts(int count, int limit) => new(StatusCodes.Status413PayloadTooLarge,
        $"\"texts\" holds {count:N0} texts; the limit is {limit:N0} per request");
}
