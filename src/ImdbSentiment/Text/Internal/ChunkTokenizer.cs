namespace ImdbSentiment.Text.Internal;

/// <summary>
/// Splits one whitespace-free chunk into tokens (spec §3): whole-chunk exception lookup, the affix-stripping
/// loop, then the core (exception → URL → infixes), then the suffixes innermost first. Emits the UTF-16 length
/// of each token. With no exception table it yields the "exceptions off" tokenization used to build §4 patterns.
/// </summary>
internal sealed class ChunkTokenizer(ExceptionTable? exceptions)
{
    /// <summary>Appends the UTF-16 lengths of the tokens of <paramref name="chunk"/> to <c>scratch.Pieces</c>.</summary>
    public void Split(ReadOnlySpan<char> chunk, ChunkScratch scratch)
    {
        var pieces = scratch.Pieces;
        if (exceptions is not null && exceptions.TryGet(chunk, out var whole))
        {
            pieces.AddRange(whole);
            return;
        }

        // ASCII letters alone have no prefix, suffix, URL or infix (every such rule needs another character),
        // so an all-letter chunk that is not an exception is one token. Most chunks are like that.
        if (!chunk.ContainsAnyExcept(CharClasses.AsciiLetters))
        {
            pieces.Add(chunk.Length);
            return;
        }

        if (TrySplitWordWithTrailer(chunk, pieces))
        {
            return;
        }

        var n = scratch.Load(chunk);
        var cps = scratch.CodePoints[..n];
        var offs = scratch.Offsets;
        var prefixes = scratch.Prefixes;
        var suffixes = scratch.Suffixes;
        prefixes.Clear();
        suffixes.Clear();

        var a = 0;
        var b = n;
        var lastSize = -1;
        while (b > a && b - a != lastSize)
        {
            if (IsException(chunk, offs, a, b))
            {
                break;
            }

            lastSize = b - a;
            var p = PrefixRules.Length(cps[a..b]);
            if (p > 0 && a + p < b && IsException(chunk, offs, a + p, b))
            {
                prefixes.Add(p);
                a += p;
                break;
            }

            var q = SuffixRules.Length(cps[(a + p)..b]);
            if (q > 0 && b - q > a && IsException(chunk, offs, a, b - q))
            {
                suffixes.Add(q);
                b -= q;
                break;
            }

            if (p > 0)
            {
                prefixes.Add(p);
                a += p;
            }

            if (q > 0)
            {
                suffixes.Add(q);
                b -= q;
            }
        }

        var position = 0;
        foreach (var p in prefixes)
        {
            pieces.Add(offs[position + p] - offs[position]);
            position += p;
        }

        if (b > a)
        {
            EmitCore(chunk, scratch, a, b);
        }

        position = b;
        for (var i = suffixes.Count - 1; i >= 0; i--)
        {
            var q = suffixes[i];
            pieces.Add(offs[position + q] - offs[position]);
            position += q;
        }
    }

    /// <summary>
    /// The next commonest shape, ASCII letters and one final <c>. , ! ? ; : ) "</c>. The loop of §3.2 takes
    /// the final character off as a suffix (for '.', only after a lowercase letter or two capitals), then the
    /// letters are an exception or one token, exactly as in the general path.
    /// </summary>
    private bool TrySplitWordWithTrailer(ReadOnlySpan<char> chunk, List<int> pieces)
    {
        var last = chunk[^1];
        if (chunk.Length < 2 || last is not ('.' or ',' or '!' or '?' or ';' or ':' or ')' or '"'))
        {
            return false;
        }

        var word = chunk[..^1];
        if (word.ContainsAnyExcept(CharClasses.AsciiLetters))
        {
            return false;
        }

        if (last == '.' && !char.IsAsciiLetterLower(word[^1])
            && !(word.Length >= 2 && char.IsAsciiLetterUpper(word[^1]) && char.IsAsciiLetterUpper(word[^2])))
        {
            pieces.Add(chunk.Length); // "I.", "aB.": the period stays
            return true;
        }

        if (exceptions is not null && exceptions.TryGet(word, out var split))
        {
            pieces.AddRange(split);
        }
        else
        {
            pieces.Add(word.Length);
        }

        pieces.Add(1);
        return true;
    }

    private void EmitCore(ReadOnlySpan<char> chunk, ChunkScratch scratch, int a, int b)
    {
        var offs = scratch.Offsets;
        var pieces = scratch.Pieces;
        var core = chunk[offs[a]..offs[b]];
        if (exceptions is not null && exceptions.TryGet(core, out var split))
        {
            pieces.AddRange(split);
            return;
        }

        var cps = scratch.CodePoints[a..b];
        if (UrlMatcher.IsMatch(cps))
        {
            pieces.Add(core.Length);
            return;
        }

        var infixes = scratch.Infixes;
        infixes.Clear();
        InfixRules.Find(cps, infixes);
        var start = 0;
        foreach (var (infixStart, infixLength) in infixes)
        {
            if (infixStart == 0)
            {
                continue; // spaCy ignores a match at the very start: it stays glued to what follows
            }

            if (infixStart != start)
            {
                pieces.Add(offs[a + infixStart] - offs[a + start]);
            }

            pieces.Add(offs[a + infixStart + infixLength] - offs[a + infixStart]);
            start = infixStart + infixLength;
        }

        if (start < cps.Length)
        {
            pieces.Add(offs[b] - offs[a + start]);
        }
    }

    private bool IsException(ReadOnlySpan<char> chunk, ReadOnlySpan<int> offs, int a, int b) =>
        exceptions is not null && exceptions.Contains(chunk[offs[a]..offs[b]]);
}
