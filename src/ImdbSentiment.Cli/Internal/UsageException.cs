namespace ImdbSentiment.Cli.Internal;

/// <summary>A command line that parses but makes no sense (an output folder that exists, say): exit 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
