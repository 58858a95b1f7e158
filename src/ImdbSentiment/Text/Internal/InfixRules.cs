namespace ImdbSentiment.Text.Internal;

/// <summary>
/// spaCy's English infix finder (spec §6.3): a left-to-right scan for non-overlapping matches, rules tried in
/// order at each position. Look-behind and look-ahead see only the core being split.
/// </summary>
internal static class InfixRules
{
    /// <summary>Appends (start, length) of every infix match in <paramref name="s"/>, in code points.</summary>
    public static void Find(ReadOnlySpan<int> s, List<(int Start, int Length)> matches)
    {
        var n = s.Length;
        var i = 0;
        while (i < n)
        {
            var length = MatchAt(s, i);
            if (length > 0)
            {
                matches.Add((i, length));
                i += length;
            }
            else
            {
                i++;
            }
        }
    }

    /// <summary>True if any infix rule matches anywhere in <paramref name="s"/>.</summary>
    public static bool Any(ReadOnlySpan<int> s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (MatchAt(s, i) > 0)
            {
                return true;
            }
        }

        return false;
    }

    private static int MatchAt(ReadOnlySpan<int> s, int i)
    {
        var n = s.Length;
        var c = s[i];
        if (c == '.' && i + 1 < s.Length && s[i + 1] == '.')
        {
            var end = i + 2;
            while (end < n && s[end] == '.')
            {
                end++;
            }

            return end - i;
        }

        if (c == '…' || CharClasses.IsIcon(c))
        {
            return 1;
        }

        if (i == 0 || i + 1 >= n)
        {
            return 0; // every remaining rule needs a character on both sides
        }

        var before = s[i - 1];
        var after = s[i + 1];
        var beforeDigit = CharClasses.IsAsciiDigit(before);
        if (beforeDigit && c is '+' or '-' or '*' or '^' && (CharClasses.IsAsciiDigit(after) || after == '-'))
        {
            return 1;
        }

        if (c == '.')
        {
            return CharClasses.Has(before, CharClasses.Lower | CharClasses.Quote)
                && CharClasses.Has(after, CharClasses.Upper | CharClasses.Quote) ? 1 : 0;
        }

        var beforeAlpha = CharClasses.IsAlpha(before);
        if (c == ',')
        {
            return beforeAlpha && CharClasses.IsAlpha(after) ? 1 : 0;
        }

        if (!beforeAlpha && !beforeDigit)
        {
            return 0;
        }

        var hyphen = HyphenAt(s, i);
        if (hyphen > 0)
        {
            return hyphen;
        }

        return c is ':' or '<' or '>' or '=' or '/' && CharClasses.IsAlpha(after) ? 1 : 0;
    }

    /// <summary>HYPHENS in order (- – — -- --- —— ~), each needing ALPHA right after it.</summary>
    private static int HyphenAt(ReadOnlySpan<int> s, int i)
    {
        switch (s[i])
        {
            case '-':
                if (AlphaAt(s, i + 1))
                {
                    return 1;
                }

                if (i + 1 < s.Length && s[i + 1] == '-')
                {
                    if (AlphaAt(s, i + 2))
                    {
                        return 2;
                    }

                    if (i + 2 < s.Length && s[i + 2] == '-' && AlphaAt(s, i + 3))
                    {
                        return 3;
                    }
                }

                return 0;
            case '\u2013' or '~':
                return AlphaAt(s, i + 1) ? 1 : 0;
            case '\u2014':
                if (AlphaAt(s, i + 1))
                {
                    return 1;
                }

                return i + 1 < s.Length && s[i + 1] == '\u2014' && AlphaAt(s, i + 2) ? 2 : 0;
            default:
                return 0;
        }
    }

    private static bool AlphaAt(ReadOnlySpan<int> s, int j) => j < s.Length && CharClasses.IsAlpha(s[j]);
}
