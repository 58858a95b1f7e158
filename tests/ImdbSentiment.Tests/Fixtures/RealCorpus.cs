namespace ImdbSentiment.Tests.Fixtures;

/// <summary>
/// Locates the real IMDb archive for integration tests: <c>IMDB_SENTIMENT_DATA</c> names it. Without it the
/// test is skipped, unless <c>IMDB_SENTIMENT_REQUIRE_DATA=1</c> (as in CI), where it fails instead.
/// </summary>
public static class RealCorpus
{
    public const string PathVariable = "IMDB_SENTIMENT_DATA";
    public const string RequireVariable = "IMDB_SENTIMENT_REQUIRE_DATA";

    public static string PathOrSkip()
    {
        var path = Environment.GetEnvironmentVariable(PathVariable);
        var required = Environment.GetEnvironmentVariable(RequireVariable) == "1";
        if (!string.IsNullOrEmpty(path) && (File.Exists(path) || Directory.Exists(path)))
        {
            return path;
        }

        var reason = string.IsNullOrEmpty(path)
            ? $"set {PathVariable} to the IMDb archive (e.g. ../shared/data/aclImdb_v1_labeled.tar.gz) to run this test"
            : $"{PathVariable}={path} does not exist";
        if (required)
        {
            throw new InvalidOperationException($"{RequireVariable}=1 but the real corpus is unavailable: {reason}");
        }

        Skip.If(true, reason);
        return path!;
    }
}
