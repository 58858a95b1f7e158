namespace ImdbSentiment.Text.Internal;

/// <summary>
/// spaCy's English suffix search (spec §6.2): every rule must reach the end of the string and the match that
/// starts furthest left wins, so the result is the longest suffix any rule produces. Look-behinds read only
/// inside <c>s</c>.
/// </summary>
internal static class SuffixRules
{
    /// <summary>The length in code points of the suffix at the end of <paramref name="s"/>, or 0.</summary>
    public static int Length(ReadOnlySpan<int> s)
    {
        var n = s.Length;
        if (n == 0)
        {
            return 0;
        }

        var last = s[n - 1];
        var best = 0;
        const ushort single = CharClasses.Punct | CharClasses.Quote | CharClasses.Icon;
        if (CharClasses.Has(last, single) || last is '\u2014' or '\u2013')
        {
            best = 1;
        }

        if (n >= 2)
        {
            var before = s[n - 2];
            if (last == '…' && before == '…')
            {
                best = 2;
            }
            else if (last is 's' or 'S' && before is '\'' or '\u2019')
            {
                best = 2;
            }
            else if (last == '+' && CharClasses.IsAsciiDigit(before))
            {
                best = Math.Max(best, 1);
            }
            else if (last == '.')
            {
                var run = 1;
                while (run < n && s[n - 1 - run] == '.')
                {
                    run++;
                }

                if (run >= 2)
                {
                    best = run;
                }
                else if (CharClasses.Has(before, CharClasses.PeriodSplitter)
                    || (n >= 3 && s[n - 3] == '°' && before is 'F' or 'f' or 'C' or 'c' or 'K' or 'k')
                    || (n >= 3 && CharClasses.IsUpper(before) && CharClasses.IsUpper(s[n - 3])))
                {
                    best = 1;
                }
            }
        }

        return Math.Max(best, AfterDigitLength(s));
    }

    /// <summary>The longest CURRENCY or UNITS entry that ends the string right after an ASCII digit.</summary>
    private static int AfterDigitLength(ReadOnlySpan<int> s)
    {
        var n = s.Length;
        var best = 0;
        var max = Math.Min(AffixTables.MaxAfterDigitLength, n - 1);
        for (var length = 1; length <= max; length++)
        {
            if (!CharClasses.IsAsciiDigit(s[n - length - 1]))
            {
                continue;
            }

            var tail = s[(n - length)..];
            foreach (var entry in AffixTables.AfterDigitByLength[length])
            {
                if (tail.SequenceEqual(entry))
                {
                    best = length;
                    break;
                }
            }
        }

        return best;
    }
}
