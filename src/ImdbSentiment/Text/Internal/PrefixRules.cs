namespace ImdbSentiment.Text.Internal;

/// <summary>
/// spaCy's English prefix search (spec §6.1): anchored at the start, rules tried in order, first match wins.
/// </summary>
internal static class PrefixRules
{
    /// <summary>The length in code points of the prefix at the start of <paramref name="s"/>, or 0.</summary>
    public static int Length(ReadOnlySpan<int> s)
    {
        if (s.IsEmpty)
        {
            return 0;
        }

        var c = s[0];
        switch (c)
        {
            case '§' or '%' or '=' or '\u2014' or '\u2013':
                return 1;
            case '+' when s.Length == 1 || !CharClasses.IsAsciiDigit(s[1]):
                return 1;
            case '.':
                // A single '.' is no prefix; a run of two or more is one ELLIPSES prefix.
                var run = 1;
                while (run < s.Length && s[run] == '.')
                {
                    run++;
                }

                return run >= 2 ? run : 0;
            case 'U' when s.Length >= 3 && s[1] == 'S' && s[2] == '$':
                return 3;
            case 'C' or 'A' when s.Length >= 2 && s[1] == '$':
                return 2;
        }

        const ushort single = CharClasses.Punct | CharClasses.Quote | CharClasses.Currency | CharClasses.Icon;
        return CharClasses.Has(c, single) ? 1 : 0;
    }
}
