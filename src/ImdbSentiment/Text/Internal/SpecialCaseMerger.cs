namespace ImdbSentiment.Text.Internal;

/// <summary>
/// The final special-case pass (spec §4): finds every sequence of tokens equal to the "exceptions off"
/// tokenization (the pattern) of a participating exception key, picks spans longest first then leftmost,
/// skipping any whose first or last token is already covered, and replaces each chosen span whose surface
/// text is an exception key by that exception's tokens.
/// </summary>
internal sealed class SpecialCaseMerger
{
    private readonly ExceptionTable _exceptions;
    private readonly Dictionary<string, string[][]> _byFirstToken;
    private readonly Dictionary<string, string[][]>.AlternateLookup<ReadOnlySpan<char>> _byFirstTokenLookup;
    private readonly HashSet<string> _patternTokens;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _patternTokensLookup;
    private readonly int _maxPatternTokenLength;
    private readonly SpanFilter _patternTokenFilter = new();

    public SpecialCaseMerger(ExceptionTable exceptions)
    {
        _exceptions = exceptions;
        var plain = new ChunkTokenizer(null);
        var scratch = new ChunkScratch();
        var patterns = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var key in exceptions.Entries.Keys)
        {
            if (!Participates(key, scratch))
            {
                continue;
            }

            patterns[key] = PatternOf(key, plain, scratch);
        }

        Patterns = patterns;
        _byFirstToken = new Dictionary<string, string[][]>(StringComparer.Ordinal);
        _patternTokens = new HashSet<string>(StringComparer.Ordinal);

        // Single-token patterns are left out: replacing one token by its own one-token exception changes nothing,
        // and being considered last they cannot block a longer span.
        foreach (var group in patterns.Values.Where(p => p.Length > 1).GroupBy(p => p[0], StringComparer.Ordinal))
        {
            _byFirstToken[group.Key] = [.. group.OrderByDescending(p => p.Length)];
            foreach (var pattern in group)
            {
                foreach (var token in pattern)
                {
                    _patternTokens.Add(token);
                    _patternTokenFilter.Add(token);
                    _maxPatternTokenLength = Math.Max(_maxPatternTokenLength, token.Length);
                }
            }
        }

        _byFirstTokenLookup = _byFirstToken.GetAlternateLookup<ReadOnlySpan<char>>();
        _patternTokensLookup = _patternTokens.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Participating key → its pattern (token texts with the exception table off).</summary>
    public IReadOnlyDictionary<string, string[]> Patterns { get; }

    /// <summary>True if a token with this text may be part of a multi-token pattern.</summary>
    public bool IsPatternToken(ReadOnlySpan<char> text) =>
        text.Length <= _maxPatternTokenLength && _patternTokenFilter.MayContain(text) && _patternTokensLookup.Contains(text);

    /// <summary>
    /// Runs the pass over <c>tokens[start..]</c> of <paramref name="text"/>; <paramref name="flags"/> holds
    /// <see cref="IsPatternToken"/> for each of those tokens.
    /// </summary>
    public void Apply(string text, List<Token> tokens, int start, List<bool> flags)
    {
        List<(int Start, int Length)>? candidates = null;
        var count = tokens.Count;
        for (var t = start; t + 1 < count; t++)
        {
            if (!flags[t - start] || !flags[t + 1 - start])
            {
                continue;
            }

            var first = tokens[t];
            if (!_byFirstTokenLookup.TryGetValue(text.AsSpan(first.Start, first.Length), out var patterns))
            {
                continue;
            }

            foreach (var pattern in patterns)
            {
                if (Matches(text, tokens, t, pattern))
                {
                    (candidates ??= []).Add((t, pattern.Length));
                }
            }
        }

        if (candidates is not null)
        {
            Merge(text, tokens, start, candidates);
        }
    }

    private static bool Matches(string text, List<Token> tokens, int t, string[] pattern)
    {
        if (t + pattern.Length > tokens.Count)
        {
            return false;
        }

        for (var k = 1; k < pattern.Length; k++)
        {
            var token = tokens[t + k];
            if (!text.AsSpan(token.Start, token.Length).SequenceEqual(pattern[k]))
            {
                return false;
            }
        }

        return true;
    }

    private void Merge(string text, List<Token> tokens, int start, List<(int Start, int Length)> candidates)
    {
        candidates.Sort((x, y) => x.Length != y.Length ? y.Length.CompareTo(x.Length) : x.Start.CompareTo(y.Start));
        var covered = new HashSet<int>();
        var replacements = new List<(int Start, int Length, int[] Pieces)>();
        foreach (var (spanStart, length) in candidates)
        {
            var spanEnd = spanStart + length - 1;
            var free = !covered.Contains(spanStart) && !covered.Contains(spanEnd);
            for (var i = spanStart; i <= spanEnd; i++)
            {
                covered.Add(i); // a considered span uses up its tokens even if it is then rejected
            }

            if (!free)
            {
                continue;
            }

            var contiguous = true;
            for (var i = spanStart; i < spanEnd && contiguous; i++)
            {
                contiguous = !tokens[i].SpaceAfter;
            }

            var from = tokens[spanStart].Start;
            var to = tokens[spanEnd].Start + tokens[spanEnd].Length;
            if (contiguous && _exceptions.TryGet(text.AsSpan(from, to - from), out var pieces))
            {
                replacements.Add((spanStart, length, pieces));
            }
        }

        if (replacements.Count == 0)
        {
            return;
        }

        replacements.Sort((x, y) => x.Start.CompareTo(y.Start));
        var rebuilt = new List<Token>(tokens.Count - start);
        var next = start;
        foreach (var (spanStart, length, pieces) in replacements)
        {
            for (; next < spanStart; next++)
            {
                rebuilt.Add(tokens[next]);
            }

            var position = tokens[spanStart].Start;
            for (var i = 0; i < pieces.Length; i++)
            {
                var spaceAfter = i == pieces.Length - 1 && tokens[spanStart + length - 1].SpaceAfter;
                rebuilt.Add(new Token(position, pieces[i], spaceAfter));
                position += pieces[i];
            }

            next = spanStart + length;
        }

        for (; next < tokens.Count; next++)
        {
            rebuilt.Add(tokens[next]);
        }

        tokens.RemoveRange(start, tokens.Count - start);
        tokens.AddRange(rebuilt);
    }

    /// <summary>A key takes part if it has a prefix, a suffix or an infix, or contains a space.</summary>
    private static bool Participates(string key, ChunkScratch scratch)
    {
        var n = scratch.Load(key);
        var cps = scratch.CodePoints[..n];
        return PrefixRules.Length(cps) > 0 || SuffixRules.Length(cps) > 0 || InfixRules.Any(cps)
            || key.Contains(' ', StringComparison.Ordinal);
    }

    /// <summary>Tokenizes a key with §2–3 and the exception table switched off.</summary>
    private static string[] PatternOf(string key, ChunkTokenizer plain, ChunkScratch scratch)
    {
        var result = new List<string>();
        var segmenter = new WhitespaceSegmenter(key, lineBreakTags: false);
        while (segmenter.Next(out var runStart, out var runLength, out var isWhitespace))
        {
            if (isWhitespace)
            {
                // Keys hold at most a whitespace run of their own (" "); a run after a chunk loses one space.
                var skip = runStart > 0 && key[runStart] == ' ' ? 1 : 0;
                if (runLength > skip)
                {
                    result.Add(key.Substring(runStart + skip, runLength - skip));
                }

                continue;
            }

            scratch.Pieces.Clear();
            plain.Split(key.AsSpan(runStart, runLength), scratch);
            var position = runStart;
            foreach (var length in scratch.Pieces)
            {
                result.Add(key.Substring(position, length));
                position += length;
            }
        }

        return [.. result];
    }
}
