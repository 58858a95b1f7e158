using ImdbSentiment.Data.Internal;

namespace ImdbSentiment.Data;

/// <summary>
/// The Large Movie Review Dataset (Maas et al., 2011): 25,000 labelled training and 25,000 labelled test reviews,
/// read from <c>aclImdb/(train|test)/(pos|neg)/&lt;id&gt;_&lt;rating&gt;.txt</c>. Everything else in the corpus
/// (<c>train/unsup</c>, <c>README</c>, <c>imdb.vocab</c>, <c>*.feat</c>, <c>urls_*.txt</c>) is ignored.
/// </summary>
public sealed class ImdbCorpus
{
    internal ImdbCorpus(IReadOnlyList<Review> train, IReadOnlyList<Review> test)
    {
        Train = train;
        Test = test;
    }

    /// <summary>The reviews under <c>aclImdb/train</c>: negative then positive, each by ascending numeric id.</summary>
    public IReadOnlyList<Review> Train { get; }

    /// <summary>The reviews under <c>aclImdb/test</c>: negative then positive, each by ascending numeric id.</summary>
    public IReadOnlyList<Review> Test { get; }

    /// <summary>
    /// Loads the corpus from a <c>.tar.gz</c> archive, streamed in one pass without extracting anything to disk,
    /// or from an extracted folder that contains <c>aclImdb/</c> or is <c>aclImdb/</c>. The order is the same
    /// on every run: by split, then label (negative first), then numeric id. A zero-byte review is kept as an
    /// empty text. Archive entries that are not regular files named like a review (links, <c>..</c> paths,
    /// other folders) are ignored.
    /// </summary>
    /// <param name="path">The archive or folder.</param>
    /// <param name="ct">Cancels the load.</param>
    /// <exception cref="CorpusException">
    /// The path does not exist, the archive is truncated or corrupt, a split/label folder is missing, a review
    /// is not UTF-8, or two reviews share an id within one split and label.
    /// </exception>
    public static ImdbCorpus Load(string path, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = Path.GetFullPath(path);
        if (Directory.Exists(fullPath))
        {
            return FolderCorpusReader.Read(fullPath, ct);
        }

        if (File.Exists(fullPath))
        {
            return TarGzCorpusReader.Read(fullPath, ct);
        }

        throw CorpusException.NotFound(fullPath, "the path given");
    }
}
