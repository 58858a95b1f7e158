namespace ImdbSentiment.Data.Internal;

/// <summary>
/// Gathers reviews from either source (archive or folder), rejects duplicates and invalid UTF-8, and builds the
/// corpus in its one deterministic order: split, then label (negative first), then numeric id.
/// </summary>
internal sealed class ReviewCollector
{
    private readonly string _source;
    private readonly string _folderPrefix;
    private readonly List<(long NumericId, Review Review)>[] _buckets;
    private readonly HashSet<long>[] _ids;
    private readonly bool[] _folderSeen;

    /// <param name="source">The archive or folder, named in errors.</param>
    /// <param name="folderPrefix">What precedes <c>train/pos</c> in a missing-folder error, e.g. <c>aclImdb/</c>.</param>
    public ReviewCollector(string source, string folderPrefix)
    {
        _source = source;
        _folderPrefix = folderPrefix;
        var count = CorpusLayout.Buckets.Length;
        _buckets = new List<(long, Review)>[count];
        _ids = new HashSet<long>[count];
        _folderSeen = new bool[count];
        for (var i = 0; i < count; i++)
        {
            _buckets[i] = new List<(long, Review)>(12_500);
            _ids[i] = new HashSet<long>(12_500);
        }
    }

    public void MarkFolder(Split split, Sentiment label) => _folderSeen[CorpusLayout.BucketIndex(split, label)] = true;

    /// <summary>Adds one review; a zero-byte file becomes an empty text, and a UTF-8 byte order mark is dropped.</summary>
    public void Add(Split split, Sentiment label, ReviewFileName file, ReadOnlySpan<byte> content, string entry)
    {
        var index = CorpusLayout.BucketIndex(split, label);
        _folderSeen[index] = true;
        if (!_ids[index].Add(file.NumericId))
        {
            throw CorpusException.DuplicateId(_source, entry, split, label, file.Id);
        }

        var text = ReviewText.Decode(content, _source, entry);
        _buckets[index].Add((file.NumericId, new Review(file.Id, split, label, file.Rating, text)));
    }

    public ImdbCorpus Build()
    {
        for (var i = 0; i < _buckets.Length; i++)
        {
            if (!_folderSeen[i])
            {
                var (split, label) = CorpusLayout.Buckets[i];
                throw CorpusException.MissingFolder(_source, _folderPrefix + CorpusLayout.Folder(split, label));
            }

            _buckets[i].Sort(static (a, b) => a.NumericId.CompareTo(b.NumericId));
        }

        return new ImdbCorpus(Array.AsReadOnly(Concat(Split.Train)), Array.AsReadOnly(Concat(Split.Test)));
    }

    private Review[] Concat(Split split)
    {
        var negative = _buckets[CorpusLayout.BucketIndex(split, Sentiment.Negative)];
        var positive = _buckets[CorpusLayout.BucketIndex(split, Sentiment.Positive)];
        var reviews = new Review[negative.Count + positive.Count];
        for (var i = 0; i < negative.Count; i++)
        {
            reviews[i] = negative[i].Review;
        }

        for (var i = 0; i < positive.Count; i++)
        {
            reviews[negative.Count + i] = positive[i].Review;
        }

        return reviews;
    }
}
