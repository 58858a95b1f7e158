using ImdbSentiment.Data;

namespace ImdbSentiment.Cli.Internal;

/// <summary>Where IMDb's unlabeled reviews are, for pretraining and for self-training.</summary>
internal static class UnlabeledArchive
{
    /// <summary>Where the unlabeled reviews are when neither --unlabeled nor a file beside the labeled archive says.</summary>
    public const string Variable = "IMDB_SENTIMENT_UNSUP_DATA";

    private const string ArchiveName = "aclImdb_v1_unsup.tar.gz";

    /// <summary>The explicit path, else the environment's, else the archive beside the labeled one, else the labeled source itself (the official archive holds train/unsup).</summary>
    public static string Resolve(string? explicitPath, string labeledSource)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            return explicitPath;
        }

        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } fromEnvironment)
        {
            return fromEnvironment;
        }

        var beside = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(labeledSource)) ?? ".", ArchiveName);
        return File.Exists(beside) ? beside : labeledSource;
    }

    /// <summary>The unlabeled reviews at <paramref name="source"/>; with a limit (quick runs), the first that many.</summary>
    public static IReadOnlyList<UnlabeledReview> Load(string source, int? limit, CancellationToken cancellationToken)
    {
        var unlabeled = UnlabeledCorpus.Load(source, cancellationToken);
        return limit is { } most && unlabeled.Count > most ? unlabeled.Take(most).ToArray() : unlabeled;
    }
}
