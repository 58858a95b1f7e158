using System.Text.Json;

namespace ImdbSentiment.Cli.Internal;

/// <summary>Reads texts lazily: from arguments, else from a file or stdin, one per line or one JSON string per line.</summary>
internal static class InputLines
{
    public static IEnumerable<string> Read(IReadOnlyList<string> arguments, string? inputFile, bool jsonLines, CliConsole console)
    {
        if (arguments.Count > 0)
        {
            return arguments;
        }

        if (inputFile is not null && !File.Exists(inputFile))
        {
            throw new UsageException($"--input {inputFile}: no such file");
        }

        return inputFile is null ? StdinLines(console, jsonLines) : FileLines(inputFile, jsonLines);
    }

    // Stdin is the console's to close; it is opened only when the first line is asked for.
    private static IEnumerable<string> StdinLines(CliConsole console, bool jsonLines)
    {
        foreach (var line in Lines(console.In, null, jsonLines))
        {
            yield return line;
        }
    }

    private static IEnumerable<string> FileLines(string inputFile, bool jsonLines)
    {
        using var reader = new StreamReader(inputFile, new System.Text.UTF8Encoding(false, true));
        foreach (var line in Lines(reader, inputFile, jsonLines))
        {
            yield return line;
        }
    }

    private static IEnumerable<string> Lines(TextReader reader, string? inputFile, bool jsonLines)
    {
        var number = 0;
        while (ReadLine(reader, inputFile) is { } line)
        {
            number++;
            if (!jsonLines)
            {
                yield return line;
                continue;
            }

            if (line.Length == 0)
            {
                continue;
            }

            yield return ParseJsonLine(line, number);
        }
    }

    private static string? ReadLine(TextReader reader, string? inputFile)
    {
        try
        {
            return reader.ReadLine();
        }
        catch (System.Text.DecoderFallbackException)
        {
            // Only a file is decoded strictly (stdin replaces bad bytes); the reader decodes ahead, so no line number.
            throw new UsageException($"--input {inputFile} is not valid UTF-8 text; save it as UTF-8");
        }
    }

    private static string ParseJsonLine(string line, int number)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException ex)
        {
            throw new UsageException($"input line {number} is not JSON ({ex.Message.Split(". ", 2)[0]})");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.String)
            {
                return root.GetString()!;
            }

            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String)
            {
                return text.GetString()!;
            }
        }

        throw new UsageException($"input line {number} is not a JSON string or an object with a \"text\" string");
    }
}
