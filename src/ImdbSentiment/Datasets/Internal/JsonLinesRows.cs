using System.Text.Json;

namespace ImdbSentiment.Datasets.Internal;

/// <summary>JSON Lines rows: one object per line; blank lines are ignored; a label may be a string, a number or a boolean.</summary>
internal static class JsonLinesRows
{
    public static IEnumerable<RawRow> Read(string path, DatasetReadOptions options, CancellationToken cancellationToken)
    {
        using var reader = Utf8Text.Open(path);
        var name = Path.GetFileName(path);
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            cancellationToken.ThrowIfCancellationRequested();
            lineNumber++;
            if (lineNumber == 1 && line.StartsWith('\uFEFF'))
            {
                line = line[1..];
            }

            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            yield return Parse(line, $"{name} line {lineNumber}", options);
        }
    }

    private static RawRow Parse(string line, string location, DatasetReadOptions options)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return new RawRow(null, null, location, DatasetException.MalformedRow(location, "the line is not a JSON object", skippable: true));
            }

            var root = document.RootElement;
            if (!root.TryGetProperty(options.TextColumn, out var text) || text.ValueKind != JsonValueKind.String)
            {
                return new RawRow(null, null, location,
                    DatasetException.MalformedRow(location, $"no string field \"{options.TextColumn}\" (--text-column)", skippable: true));
            }

            if (!root.TryGetProperty(options.LabelColumn, out var label))
            {
                return new RawRow(null, null, location,
                    DatasetException.MalformedRow(location, $"no field \"{options.LabelColumn}\" (--label-column)", skippable: true));
            }

            return new RawRow(text.GetString(), LabelText(label), location);
        }
        catch (JsonException e)
        {
            return new RawRow(null, null, location, DatasetException.MalformedRow(location, $"not valid JSON: {e.Message}", skippable: true, e));
        }
    }

    private static string? LabelText(JsonElement label) => label.ValueKind switch
    {
        JsonValueKind.String => label.GetString(),
        JsonValueKind.Number => label.GetRawText(),
        JsonValueKind.True => bool.TrueString.ToLowerInvariant(),
        JsonValueKind.False => bool.FalseString.ToLowerInvariant(),
        _ => null,
    };
}
