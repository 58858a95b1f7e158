namespace ImdbSentiment.Data;

/// <summary>What went wrong with the corpus, for callers that react differently to each case.</summary>
public enum CorpusErrorKind
{
    /// <summary>The path given (argument or <c>IMDB_SENTIMENT_DATA</c>) does not exist.</summary>
    NotFound,

    /// <summary>The archive ends early: an interrupted download or copy.</summary>
    Truncated,

    /// <summary>The archive is not a readable gzip-compressed tar file.</summary>
    Corrupt,

    /// <summary>The file or folder could not be read (permissions, I/O error).</summary>
    Unreadable,

    /// <summary>A split or label folder (e.g. <c>aclImdb/train/pos</c>) is absent.</summary>
    MissingFolder,

    /// <summary>A review file is not valid UTF-8.</summary>
    NotUtf8,

    /// <summary>Two review files share an id within one split and label.</summary>
    DuplicateId,

    /// <summary>A file's checksum differs from the expected one.</summary>
    ChecksumMismatch,

    /// <summary>A checksum file (<c>.sha256</c>) could not be parsed.</summary>
    BadChecksumFile,

    /// <summary>The archive could not be downloaded.</summary>
    DownloadFailed,
}
