namespace ImdbSentiment.Text.Internal;

/// <summary>
/// Per-thread working buffers for one chunk: its code points and their UTF-16 offsets, plus the affix and
/// infix lists. Never shared between threads.
/// </summary>
internal sealed class ChunkScratch
{
    private int[] _codePoints = new int[64];
    private int[] _offsets = new int[65];

    public List<int> Prefixes { get; } = [];

    public List<int> Suffixes { get; } = [];

    public List<(int Start, int Length)> Infixes { get; } = [];

    public List<int> Pieces { get; } = [];

    /// <summary>Flags of the tokens of the document being tokenized: true if a token may be part of a §4 pattern.</summary>
    public List<bool> TokenFlags { get; } = [];

    /// <summary>The decoded code points; valid up to the count returned by <see cref="Load"/>.</summary>
    public ReadOnlySpan<int> CodePoints => _codePoints;

    /// <summary>UTF-16 offset of each code point in the chunk; entry [count] is the chunk length.</summary>
    public ReadOnlySpan<int> Offsets => _offsets;

    /// <summary>
    /// Decodes <paramref name="chunk"/> into code points. A valid surrogate pair is one code point; a lone
    /// surrogate is kept as a code point of its own, as Python keeps it.
    /// </summary>
    public int Load(ReadOnlySpan<char> chunk)
    {
        if (_codePoints.Length < chunk.Length)
        {
            var size = Math.Max(chunk.Length, _codePoints.Length * 2);
            _codePoints = new int[size];
            _offsets = new int[size + 1];
        }

        var cps = _codePoints;
        var offs = _offsets;
        var n = 0;
        for (var i = 0; i < chunk.Length;)
        {
            var c = chunk[i];
            offs[n] = i;
            if (char.IsHighSurrogate(c) && i + 1 < chunk.Length && char.IsLowSurrogate(chunk[i + 1]))
            {
                cps[n++] = char.ConvertToUtf32(c, chunk[i + 1]);
                i += 2;
            }
            else
            {
                cps[n++] = c;
                i++;
            }
        }

        offs[n] = chunk.Length;
        return n;
    }
}
