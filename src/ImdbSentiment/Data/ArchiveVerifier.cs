namespace ImdbSentiment.Data;

/// <summary>Checks an archive against the checksum known for it before it is trusted.</summary>
public static class ArchiveVerifier
{
    /// <summary>The extension of a sibling checksum file, e.g. <c>aclImdb_v1_labeled.tar.gz.sha256</c>.</summary>
    public const string Sha256FileExtension = ".sha256";

    /// <summary>
    /// Verifies <paramref name="path"/> against its sibling <c>.sha256</c> file (<c>"&lt;hex&gt;  &lt;name&gt;"</c>, as
    /// <c>sha256sum</c> writes it, or just the hex) when there is one; otherwise against the official MD5 when
    /// the file is named or sized like the official archive; otherwise checks nothing.
    /// </summary>
    /// <param name="path">The archive (a folder is accepted and left unverified).</param>
    /// <param name="ct">Cancels the check.</param>
    /// <returns>Which check was made.</returns>
    /// <exception cref="CorpusException">The file is missing, its checksum differs, or its <c>.sha256</c> file is malformed.</exception>
    public static async Task<ArchiveVerification> VerifyAsync(string path, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = Path.GetFullPath(path);
        if (Directory.Exists(fullPath))
        {
            return ArchiveVerification.Unverified;
        }

        if (!File.Exists(fullPath))
        {
            throw CorpusException.NotFound(fullPath, "the path given");
        }

        var sidecar = fullPath + Sha256FileExtension;
        if (File.Exists(sidecar))
        {
            var expected = await ReadSha256FileAsync(sidecar, ct).ConfigureAwait(false);
            await VerifyAsync(fullPath, expected, ct).ConfigureAwait(false);
            return ArchiveVerification.Sha256File;
        }

        if (Path.GetFileName(fullPath) == OfficialArchive.FileName || new FileInfo(fullPath).Length == OfficialArchive.Size)
        {
            await VerifyAsync(fullPath, OfficialArchive.Checksum, ct).ConfigureAwait(false);
            return ArchiveVerification.OfficialMd5;
        }

        return ArchiveVerification.Unverified;
    }

    /// <summary>Verifies a file against a given checksum.</summary>
    /// <param name="path">The file.</param>
    /// <param name="expected">The checksum it must have.</param>
    /// <param name="ct">Cancels the check.</param>
    /// <exception cref="CorpusException">The file is missing or unreadable, or its checksum differs.</exception>
    public static async Task VerifyAsync(string path, ArchiveChecksum expected, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(expected);
        var fullPath = Path.GetFullPath(path);
        string actual;
        try
        {
            actual = await expected.ComputeAsync(fullPath, ct).ConfigureAwait(false);
        }
        catch (FileNotFoundException)
        {
            throw CorpusException.NotFound(fullPath, "the path given");
        }
        catch (IOException e)
        {
            throw CorpusException.Unreadable(fullPath, e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw CorpusException.Unreadable(fullPath, e);
        }

        if (!expected.Matches(actual))
        {
            throw CorpusException.ChecksumMismatch(fullPath, expected.ToString(), $"{expected.Algorithm.Name} {actual}");
        }
    }

    private static async Task<ArchiveChecksum> ReadSha256FileAsync(string sidecar, CancellationToken ct)
    {
        string content;
        try
        {
            content = await File.ReadAllTextAsync(sidecar, ct).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            throw CorpusException.Unreadable(sidecar, e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw CorpusException.Unreadable(sidecar, e);
        }

        var hex = content.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        try
        {
            return ArchiveChecksum.Sha256(hex ?? string.Empty);
        }
        catch (ArgumentException)
        {
            throw CorpusException.BadChecksumFile(sidecar);
        }
    }
}
