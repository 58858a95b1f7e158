namespace ImdbSentiment.Data;

/// <summary>Which check <see cref="ArchiveVerifier.VerifyAsync(string, CancellationToken)"/> was able to make.</summary>
public enum ArchiveVerification
{
    /// <summary>No checksum is known for the file (or it is a folder), so nothing was checked.</summary>
    Unverified,

    /// <summary>The file matched the SHA-256 in its sibling <c>.sha256</c> file.</summary>
    Sha256File,

    /// <summary>The file matched the MD5 published for the official archive.</summary>
    OfficialMd5,
}
