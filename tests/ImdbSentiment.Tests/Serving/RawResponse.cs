using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ImdbSentiment.Tests.Serving;

/// <summary>An HTTP/1.1 response as it came off a <see cref="RawConnection"/>, its body de-chunked.</summary>
internal sealed record RawResponse(int StatusCode, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var value) ? value : null;

    /// <summary>Asserts the status and a one-line <c>{"error": "..."}</c> body without a trace; returns the message.</summary>
    public string Error(int expectedStatus)
    {
        Assert.True(StatusCode == expectedStatus, $"expected {expectedStatus}, got {StatusCode}: {Body}");
        Assert.StartsWith("application/json", Header("content-type"));
        Assert.DoesNotContain("\n", Body.TrimEnd());
        using var document = JsonDocument.Parse(Body);
        return Http.ErrorMessage(document.RootElement);
    }

    /// <summary>
    /// Parses one response from the start of <paramref name="data"/>; false while it is incomplete. Without a length or
    /// chunking, the body runs to the end of the connection, so it is complete only once <paramref name="closed"/>.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> data, bool closed, out RawResponse response, out int length)
    {
        response = null!;
        length = 0;
        var headerEnd = data.IndexOf("\r\n\r\n"u8);
        if (headerEnd < 0)
        {
            return false;
        }

        var lines = Encoding.ASCII.GetString(data[..headerEnd]).Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture);
        var headers = lines.Skip(1)
            .Select(line => line.Split(':', 2))
            .ToDictionary(pair => pair[0].Trim().ToLowerInvariant(), pair => pair[1].Trim());
        var bodyStart = headerEnd + 4;
        byte[] body;
        if (headers.TryGetValue("transfer-encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            if (!TryDechunk(data[bodyStart..], out body, out var chunkedLength))
            {
                return false;
            }

            length = bodyStart + chunkedLength;
        }
        else if (headers.TryGetValue("content-length", out var declared))
        {
            var bodyLength = int.Parse(declared, CultureInfo.InvariantCulture);
            if (data.Length < bodyStart + bodyLength)
            {
                return false;
            }

            body = data.Slice(bodyStart, bodyLength).ToArray();
            length = bodyStart + bodyLength;
        }
        else if (closed)
        {
            body = data[bodyStart..].ToArray();
            length = data.Length;
        }
        else
        {
            return false;
        }

        response = new RawResponse(status, headers, Encoding.UTF8.GetString(body));
        return true;
    }

    private static bool TryDechunk(ReadOnlySpan<byte> data, out byte[] body, out int length)
    {
        var output = new MemoryStream();
        var position = 0;
        body = [];
        length = 0;
        while (true)
        {
            var lineEnd = data[position..].IndexOf("\r\n"u8);
            if (lineEnd < 0)
            {
                return false;
            }

            var sizeText = Encoding.ASCII.GetString(data.Slice(position, lineEnd)).Split(';')[0];
            var size = int.Parse(sizeText, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            position += lineEnd + 2;
            if (data.Length < position + size + 2)
            {
                return false;
            }

            if (size == 0)
            {
                body = output.ToArray();
                length = position + 2;
                return true;
            }

            output.Write(data.Slice(position, size));
            position += size + 2;
        }
    }
}
