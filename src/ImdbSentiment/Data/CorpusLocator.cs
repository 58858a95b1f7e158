namespace ImdbSentiment.Data;

/// <summary>
/// Finds the corpus, in this order: the explicit path; the <c>IMDB_SENTIMENT_DATA</c> environment variable; a
/// verified archive in <see cref="CacheFolder"/>; and last, a download of the official archive into that folder.
/// A path that is given but does not exist is an error, never a reason to look further.
/// </summary>
public static class CorpusLocator
{
    /// <summary>The environment variable that names the archive or extracted folder.</summary>
    public const string DataVariable = "IMDB_SENTIMENT_DATA";

    /// <summary>The name of the toolkit's folder inside the user's cache folder.</summary>
    public const string CacheFolderName = "imdb-sentiment";

    /// <summary>The repacked archive's file name; it is trusted in the cache when its <c>.sha256</c> file matches.</summary>
    public const string LabeledArchiveFileName = "aclImdb_v1_labeled.tar.gz";

    /// <summary>
    /// <c>$XDG_CACHE_HOME/imdb-sentiment</c> when <c>XDG_CACHE_HOME</c> is an absolute path (the XDG base directory
    /// specification ignores relative ones), else <c>~/.cache/imdb-sentiment</c>.
    /// </summary>
    public static string CacheFolder => GetCacheFolder(Environment.GetEnvironmentVariable);

    /// <summary>Returns the path of the corpus (an archive or a folder), downloading the official archive if needed.</summary>
    /// <param name="explicitPath">A path given by the user, e.g. on the command line; <c>null</c> or empty if none.</param>
    /// <param name="progress">Receives download progress, if a download happens.</param>
    /// <param name="ct">Cancels verification or download.</param>
    /// <returns>The full path of an existing archive or folder.</returns>
    /// <exception cref="CorpusException">A given path does not exist, a cached archive fails its checksum, or the download fails.</exception>
    public static async Task<string> ResolveAsync(string? explicitPath, IProgress<DownloadProgress>? progress = null, CancellationToken ct = default)
    {
        using var http = new HttpClient();
        var downloader = new ArchiveDownloader(http, OfficialArchive.Url, OfficialArchive.Checksum);
        return await ResolveAsync(explicitPath, Environment.GetEnvironmentVariable, downloader, progress, ct).ConfigureAwait(false);
    }

    /// <summary>The resolution with its environment and downloader injected, for tests.</summary>
    internal static async Task<string> ResolveAsync(
        string? explicitPath, Func<string, string?> environment, ArchiveDownloader downloader, IProgress<DownloadProgress>? progress, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            return Existing(explicitPath, "the path given");
        }

        var fromEnvironment = environment(DataVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return Existing(fromEnvironment, DataVariable);
        }

        var cache = GetCacheFolder(environment);
        foreach (var name in new[] { OfficialArchive.FileName, LabeledArchiveFileName })
        {
            var candidate = Path.Combine(cache, name);
            if (File.Exists(candidate) && await ArchiveVerifier.VerifyAsync(candidate, ct).ConfigureAwait(false) != ArchiveVerification.Unverified)
            {
                return candidate;
            }
        }

        var destination = Path.Combine(cache, OfficialArchive.FileName);
        await downloader.DownloadAsync(destination, progress, ct).ConfigureAwait(false);
        return destination;
    }

    internal static string GetCacheFolder(Func<string, string?> environment)
    {
        var xdg = environment("XDG_CACHE_HOME");
        var root = !string.IsNullOrEmpty(xdg) && Path.IsPathFullyQualified(xdg)
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(root, CacheFolderName);
    }

    private static string Existing(string path, string origin)
    {
        var fullPath = Path.GetFullPath(path);
        return File.Exists(fullPath) || Directory.Exists(fullPath) ? fullPath : throw CorpusException.NotFound(fullPath, origin);
    }
}
