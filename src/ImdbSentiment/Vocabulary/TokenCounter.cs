namespace ImdbSentiment.Vocabulary;

/// <summary>Counts token texts without allocating a string per occurrence (one per distinct token only).</summary>
public sealed class TokenCounter
{
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    /// <summary>Creates an empty counter.</summary>
    public TokenCounter()
    {
        _lookup = _counts.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Token → count so far.</summary>
    public IReadOnlyDictionary<string, int> Counts => _counts;

    /// <summary>The number of tokens counted.</summary>
    public long Total { get; private set; }

    /// <summary>Counts one occurrence of <paramref name="token"/>.</summary>
    /// <param name="token">A token text.</param>
    public void Add(ReadOnlySpan<char> token)
    {
        System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_lookup, token, out _)++;
        Total++;
    }

    /// <summary>Adds every count of <paramref name="other"/> into this counter.</summary>
    /// <param name="other">Another counter.</param>
    public void Merge(TokenCounter other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var (token, count) in other._counts)
        {
            System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_counts, token, out _) += count;
        }

        Total += other.Total;
    }
}
