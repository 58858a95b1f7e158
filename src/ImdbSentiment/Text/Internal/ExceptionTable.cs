namespace ImdbSentiment.Text.Internal;

/// <summary>
/// The tokenizer exceptions (spec §8): exact, case-sensitive keys mapped to the UTF-16 lengths of the tokens
/// they become. Read-only after construction, so it is safe to share between threads.
/// </summary>
internal sealed class ExceptionTable
{
    private readonly Dictionary<string, int[]> _pieces;
    private readonly Dictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly SpanFilter _filter = new();

    public ExceptionTable(IReadOnlyDictionary<string, string[]> entries)
    {
        _pieces = new Dictionary<string, int[]>(entries.Count, StringComparer.Ordinal);
        foreach (var (key, tokens) in entries)
        {
            _pieces[key] = [.. tokens.Select(t => t.Length)];
            MaxKeyLength = Math.Max(MaxKeyLength, key.Length);
            _filter.Add(key);
        }

        Entries = entries;
        _lookup = _pieces.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The English table, built once by <see cref="ExceptionTableBuilder"/>.</summary>
    public static ExceptionTable English { get; } = new(ExceptionTableBuilder.BuildEnglish());

    /// <summary>Key → token texts, as built.</summary>
    public IReadOnlyDictionary<string, string[]> Entries { get; }

    public int Count => _pieces.Count;

    /// <summary>The longest key, in UTF-16 units; longer strings are rejected without hashing.</summary>
    public int MaxKeyLength { get; }

    public bool TryGet(ReadOnlySpan<char> text, out int[] pieceLengths)
    {
        if (text.Length <= MaxKeyLength && _filter.MayContain(text) && _lookup.TryGetValue(text, out var found))
        {
            pieceLengths = found;
            return true;
        }

        pieceLengths = [];
        return false;
    }

    public bool Contains(ReadOnlySpan<char> text) =>
        text.Length <= MaxKeyLength && _filter.MayContain(text) && _lookup.ContainsKey(text);
}
