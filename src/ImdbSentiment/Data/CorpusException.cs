using ImdbSentiment.Data.Internal;

namespace ImdbSentiment.Data;

/// <summary>
/// The IMDb corpus could not be located, downloaded, verified or read. The message is one line that names the
/// file and the remedy; <see cref="Kind"/> tells the cases apart.
/// </summary>
public sealed class CorpusException : ImdbSentimentException
{
    private const string DataVariable = CorpusLocator.DataVariable;

    private CorpusException(CorpusErrorKind kind, string message, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
    }

    /// <summary>What went wrong.</summary>
    public CorpusErrorKind Kind { get; }

    internal static CorpusException NotFound(string path, string origin) => new(
        CorpusErrorKind.NotFound,
        $"IMDb corpus not found at {path} (from {origin}); pass the path of aclImdb_v1.tar.gz or of its extracted folder, or unset {DataVariable} to download it into the cache");

    internal static CorpusException Truncated(string path, Exception? inner = null) => new(
        CorpusErrorKind.Truncated,
        $"{path} ends early (an interrupted download or copy); delete it and rerun to download it again, or check {DataVariable}",
        inner);

    internal static CorpusException Corrupt(string path, string reason, Exception? inner = null) => new(
        CorpusErrorKind.Corrupt,
        $"{path} is not a readable .tar.gz archive ({OneLine(reason)}); delete it and rerun to download it again, or check {DataVariable}",
        inner);

    internal static CorpusException Unreadable(string path, Exception inner) => new(
        CorpusErrorKind.Unreadable,
        $"{path} could not be read ({OneLine(inner.Message)}); check its permissions, or check {DataVariable}",
        inner);

    internal static CorpusException MissingFolder(string path, string folder) => new(
        CorpusErrorKind.MissingFolder,
        $"{path} has no {folder}/ folder, so it is not the IMDb corpus (aclImdb/{{train,test}}/{{pos,neg}}); check {DataVariable} or the path given, or delete it and rerun to download it again");

    internal static CorpusException NotUtf8(string path, string entry, Exception? inner = null) => new(
        CorpusErrorKind.NotUtf8,
        $"{path}: review {entry} is not valid UTF-8; the file is damaged, so restore the original corpus (delete it and rerun to download it again)",
        inner);

    internal static CorpusException DuplicateId(string path, string entry, Split split, Sentiment label, string id) => new(
        CorpusErrorKind.DuplicateId,
        $"{path}: review {entry} repeats id {id} in {CorpusLayout.Folder(split, label)}; remove the duplicate or restore the original corpus");

    internal static CorpusException NoUnlabeledReviews(string path) => new(
        CorpusErrorKind.MissingFolder,
        $"{path} has no {UnlabeledLayout.Folder}/ folder of unlabeled reviews; pass the official archive (aclImdb_v1.tar.gz) or one that holds only that folder (aclImdb_v1_unsup.tar.gz)");

    internal static CorpusException DuplicateUnlabeledId(string path, string entry, string id) => new(
        CorpusErrorKind.DuplicateId,
        $"{path}: review {entry} repeats id {id} in {UnlabeledLayout.Folder}; remove the duplicate or restore the original corpus");

    internal static CorpusException ChecksumMismatch(string path, string expected, string actual) => new(
        CorpusErrorKind.ChecksumMismatch,
        $"{path} has checksum {actual} but {expected} was expected; delete it and rerun to download it again");

    internal static CorpusException DownloadChecksumMismatch(Uri url, string expected, string actual) => new(
        CorpusErrorKind.ChecksumMismatch,
        $"the archive downloaded from {url} has checksum {actual} but {expected} was expected, so it was deleted; rerun to download it again, or download it yourself and set {DataVariable} to the file");

    internal static CorpusException BadChecksumFile(string path) => new(
        CorpusErrorKind.BadChecksumFile,
        $"{path} does not hold a SHA-256 checksum (\"<64 hex digits>  <name>\"); fix or delete it");

    internal static CorpusException DownloadFailed(Uri url, string reason, Exception? inner = null) => new(
        CorpusErrorKind.DownloadFailed,
        $"downloading {url} failed: {OneLine(reason)}; rerun to resume, or download it yourself and set {DataVariable} to the file",
        inner);

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
