namespace ImdbSentiment.Tests.Fixtures;

/// <summary>
/// Locates the real IMDb archive for integration tests: <c>IMDB_SENTIMENT_DATA</c> names it. Without it the
/// test is skipped, unless <c>IMDB_SENTIMENT_REQUIRE_DATA=1</c> (as in CI), where it fails instead.
/// </summary>
public static class RealCorpus
{
    public const string PathVariable = "IMDB_SENTIMENT_DATA";
    public const string RequireVariable = "IMDB_SENTIMENT_REQUIRE_DATA";

    /// <summary>Names the unlabeled archive; default: <c>aclImdb_v1_unsup.tar.gz</c> beside the labeled one.</summary>
    public const string UnlabeledPathVariable = "IMDB_SENTIMENT_UNSUP_DATA";

    public static string PathOrSkip() => Locate(Environment.GetEnvironmentVariable(PathVariable), PathVariable);

    public static string UnlabeledPathOrSkip()
    {
        var path = Environment.GetEnvironmentVariable(UnlabeledPathVariable);
        if (string.IsNullOrEmpty(path) && Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } labeled)
        {
            path = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(labeled))!, "aclImdb_v1_unsup.tar.gz");
        }

        return Locate(path, UnlabeledPathVariable);
    }

    private static string Locate(string? path, string variable)
    {
        var required = Environment.GetEnvironmentVariable(RequireVariable) == "1";
        if (!string.IsNullOrEmpty(path) && (File.Exists(path) || Directory.Exists(path)))
        {
            return path;
        }

        var reason = string.IsNullOrEmpty(path)
            ? $"set {variable} to the IMDb archive (e.g. ../shared/data/aclImdb_v1_labeled.tar.gz) to run this test"
            : $"{variable}={path} does not exist";
        if (required)
        {
            throw new InvalidOperationException($"{RequireVariable}=1 but the real corpus is unavailable: {reason}");
        }

        Skip.If(true, reason);
        return path!;
    }
}
