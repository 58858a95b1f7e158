namespace ImdbSentiment.Cli.Internal;

/// <summary>Finds the model bundle a command should use.</summary>
internal static class ModelLocator
{
    public const string ModelVariable = "IMDB_SENTIMENT_MODEL";

    /// <summary>The pretrained bundle shipped in the repository's <c>models/</c> folder and copied next to the CLI.</summary>
    public static string BundledModelPath => Path.Combine(AppContext.BaseDirectory, "models", "sentiment.bundle");

    /// <summary>--model, else IMDB_SENTIMENT_MODEL, else the bundled pretrained model.</summary>
    public static string Resolve(string? explicitPath)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            return explicitPath;
        }

        if (Environment.GetEnvironmentVariable(ModelVariable) is { Length: > 0 } fromEnvironment)
        {
            return fromEnvironment;
        }

        if (File.Exists(BundledModelPath))
        {
            return BundledModelPath;
        }

        throw new UsageException($"no model given and no pretrained model is bundled with this build; pass --model PATH or set {ModelVariable}");
    }
}
