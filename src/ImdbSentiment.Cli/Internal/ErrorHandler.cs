using Spectre.Console.Cli;

namespace ImdbSentiment.Cli.Internal;

/// <summary>The one exception policy of the CLI: one line on stderr and an exit code; a trace only with --verbose.</summary>
internal static class ErrorHandler
{
    public static int Handle(Exception exception, TextWriter stderr, bool verbose)
    {
        var (code, message) = Classify(exception);
        stderr.WriteLine($"sentiment: error: {message}");
        if (verbose)
        {
            stderr.WriteLine(exception.ToString());
        }

        return code;
    }

    internal static (int Code, string Message) Classify(Exception exception) => exception switch
    {
        CommandParseException parse => (ExitCodes.Usage, OneLine(parse.Pretty is null ? parse.Message : parse.Message)),
        // Spectre names the declared type, "Nullable`1" for an optional number; its converter's message names the real one.
        CommandRuntimeException { InnerException: ArgumentException conversion } runtime when runtime.Message.StartsWith("Failed to convert", StringComparison.Ordinal)
            => (ExitCodes.Usage, OneLine(conversion.Message.Split(" (Parameter", 2)[0])),
        CommandRuntimeException runtime => (ExitCodes.Usage, OneLine(runtime.Message)),
        UsageException usage => (ExitCodes.Usage, OneLine(usage.Message)),
        OperationCanceledException => (ExitCodes.Cancelled, "cancelled"),
        ImdbSentimentException known => (ExitCodes.Failure, OneLine(known.Message)),
        IOException io => (ExitCodes.Failure, OneLine(io.Message)),
        UnauthorizedAccessException denied => (ExitCodes.Failure, OneLine(denied.Message)),
        _ => (ExitCodes.Failure, $"unexpected {exception.GetType().Name}: {OneLine(exception.Message)} (rerun with --verbose for details)"),
    };

    private static string OneLine(string message) =>
        string.Join(' ', message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
