namespace ImdbSentiment.Data.Internal;

/// <summary>
/// The corpus's folder layout, <c>aclImdb/(train|test)/(pos|neg)/&lt;digits&gt;_&lt;digits&gt;.txt</c>, and the parsing of
/// names against it. Anything else (<c>train/unsup</c>, <c>README</c>, <c>imdb.vocab</c>, <c>*.feat</c>,
/// <c>urls_*.txt</c>, names with <c>..</c>) does not match and is ignored.
/// </summary>
internal static class CorpusLayout
{
    public const string Root = "aclImdb";

    // More digits than this cannot be a real id or rating; such names are ignored like any other non-match.
    private const int MaxIdDigits = 18;
    private const int MaxRatingDigits = 9;

    /// <summary>The four (split, label) buckets in load order.</summary>
    public static readonly (Split Split, Sentiment Label)[] Buckets =
    [
        (Split.Train, Sentiment.Negative),
        (Split.Train, Sentiment.Positive),
        (Split.Test, Sentiment.Negative),
        (Split.Test, Sentiment.Positive),
    ];

    public static string SplitFolder(Split split) => split == Split.Train ? "train" : "test";

    public static string LabelFolder(Sentiment label) => SentimentLabels.Name(label);

    /// <summary>e.g. <c>train/pos</c>.</summary>
    public static string Folder(Split split, Sentiment label) => $"{SplitFolder(split)}/{LabelFolder(label)}";

    public static int BucketIndex(Split split, Sentiment label) => ((int)split * 2) + (int)label;

    /// <summary>
    /// Classifies a tar entry name: whether it lies in a split/label folder at all, and whether it names a review.
    /// A leading <c>./</c> is allowed, as GNU tar writes it for <c>tar -C dir .</c>.
    /// </summary>
    public static bool TryParseEntryName(string entryName, out Split split, out Sentiment label, out ReviewFileName file, out bool isReview)
    {
        file = default;
        isReview = false;
        split = default;
        label = default;
        var name = entryName.AsSpan();
        if (name.StartsWith("./", StringComparison.Ordinal))
        {
            name = name[2..];
        }

        if (!name.StartsWith(Root + "/", StringComparison.Ordinal))
        {
            return false;
        }

        name = name[(Root.Length + 1)..];
        var slash = name.IndexOf('/');
        if (slash < 0 || !TryParseSplit(name[..slash], out split))
        {
            return false;
        }

        name = name[(slash + 1)..];
        slash = name.IndexOf('/');
        if (!TryParseLabel(slash < 0 ? name : name[..slash], out label))
        {
            return false;
        }

        isReview = slash >= 0 && TryParseFileName(name[(slash + 1)..], out file);
        return true;
    }

    /// <summary>Parses <c>&lt;digits&gt;_&lt;digits&gt;.txt</c>; anything else (including further path parts) is not a review.</summary>
    public static bool TryParseFileName(ReadOnlySpan<char> name, out ReviewFileName file)
    {
        file = default;
        if (!name.EndsWith(".txt", StringComparison.Ordinal))
        {
            return false;
        }

        name = name[..^4];
        var underscore = name.IndexOf('_');
        if (underscore < 0)
        {
            return false;
        }

        var id = name[..underscore];
        var rating = name[(underscore + 1)..];
        if (!IsDigits(id, MaxIdDigits) || !IsDigits(rating, MaxRatingDigits))
        {
            return false;
        }

        file = new ReviewFileName(id.ToString(), long.Parse(id, provider: System.Globalization.CultureInfo.InvariantCulture), int.Parse(rating, provider: System.Globalization.CultureInfo.InvariantCulture));
        return true;
    }

    private static bool TryParseSplit(ReadOnlySpan<char> text, out Split split)
    {
        split = text.SequenceEqual("train") ? Split.Train : Split.Test;
        return text.SequenceEqual("train") || text.SequenceEqual("test");
    }

    private static bool TryParseLabel(ReadOnlySpan<char> text, out Sentiment label)
    {
        label = text.SequenceEqual("pos") ? Sentiment.Positive : Sentiment.Negative;
        return text.SequenceEqual("pos") || text.SequenceEqual("neg");
    }

    private static bool IsDigits(ReadOnlySpan<char> text, int maxLength) =>
        text.Length is > 0 && text.Length <= maxLength && !text.ContainsAnyExceptInRange('0', '9');
}
