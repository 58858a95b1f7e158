namespace ImdbSentiment.Text.Internal;

/// <summary>
/// spaCy's <c>URL_PATTERN</c> (spec §9) as a hand-written full-match scanner, linear in the input:
/// optional <c>scheme://</c>, optional <c>user[:pass]@</c>, an IPv4 address or a domain whose TLD is 2–63
/// ALPHA_LOWER characters, an optional <c>:port</c> of 2–5 digits and an optional path after <c>/ ? #</c>.
/// </summary>
internal static class UrlMatcher
{
    /// <summary>True if the whole of <paramref name="s"/> matches the URL pattern.</summary>
    public static bool IsMatch(ReadOnlySpan<int> s)
    {
        // Both host alternatives need a '.', which the user-info part cannot supply on its own.
        if (s.IndexOf('.') < 0)
        {
            return false;
        }

        if (MatchFromHost(s, 0))
        {
            return true;
        }

        var scheme = 0;
        while (scheme < s.Length && IsSchemeChar(s[scheme]))
        {
            scheme++;
        }

        if (scheme >= 2 && s[scheme..].StartsWith([':', '/', '/']) && MatchFromHost(s, scheme + 3))
        {
            return true;
        }

        // User info is "\S+(?::\S*)?@": anything non-empty up to an '@'. Each '@' starts a different host run,
        // and host runs cannot contain '@', so the runs tried below are disjoint and the scan stays linear.
        for (var at = 1; at < s.Length; at++)
        {
            if (s[at] == '@' && MatchFromHost(s, at + 1))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsSchemeChar(int c) => c is '+' or '-' or '.' || CharClasses.IsWordChar(c);

    private static bool IsHostRunChar(int c) =>
        c is '.' or '_' or '-' || CharClasses.Has(c, CharClasses.HostChar | CharClasses.Lower);

    private static bool MatchFromHost(ReadOnlySpan<int> s, int start)
    {
        var end = start;
        while (end < s.Length && IsHostRunChar(s[end]))
        {
            end++;
        }

        var host = s[start..end];
        return host.Length > 0 && MatchPortAndPath(s[end..]) && (IsIPv4(host) || IsDomain(host));
    }

    private static bool MatchPortAndPath(ReadOnlySpan<int> rest)
    {
        if (rest.IsEmpty || rest[0] is '/' or '?' or '#')
        {
            return true;
        }

        if (rest[0] != ':')
        {
            return false;
        }

        var digits = 0;
        while (1 + digits < rest.Length && CharClasses.IsUnicodeDigit(rest[1 + digits]))
        {
            digits++;
        }

        var after = 1 + digits;
        return digits is >= 2 and <= 5 && (after == rest.Length || rest[after] is '/' or '?' or '#');
    }

    private static bool IsDomain(ReadOnlySpan<int> host)
    {
        var lastDot = host.LastIndexOf('.');
        if (lastDot <= 0)
        {
            return false;
        }

        var tld = host[(lastDot + 1)..];
        if (tld.Length is < 2 or > 63)
        {
            return false;
        }

        foreach (var c in tld)
        {
            if (!CharClasses.IsLower(c))
            {
                return false;
            }
        }

        var labels = host[..lastDot];
        while (!labels.IsEmpty)
        {
            var dot = labels.IndexOf('.');
            var label = dot < 0 ? labels : labels[..dot];
            if (!IsLabel(label))
            {
                return false;
            }

            labels = dot < 0 ? [] : labels[(dot + 1)..];
            if (dot >= 0 && labels.IsEmpty)
            {
                return false; // an empty label before the TLD ("a..com")
            }
        }

        return true;
    }

    private static bool IsLabel(ReadOnlySpan<int> label)
    {
        if (label.Length is < 1 or > 64 || !IsLabelEnd(label[0]) || !IsLabelEnd(label[^1]))
        {
            return false;
        }

        foreach (var c in label)
        {
            if (!IsLabelEnd(c) && c is not ('_' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsLabelEnd(int c) => c <= 0xFFFF && CharClasses.Has(c, CharClasses.HostChar);

    private static bool IsIPv4(ReadOnlySpan<int> host)
    {
        Span<Range> parts = stackalloc Range[5];
        var count = 0;
        var from = 0;
        for (var i = 0; i <= host.Length; i++)
        {
            if (i == host.Length || host[i] == '.')
            {
                if (count == 4)
                {
                    return false;
                }

                parts[count++] = from..i;
                from = i + 1;
            }
        }

        if (count != 4)
        {
            return false;
        }

        var p0 = host[parts[0]];
        var p1 = host[parts[1]];
        if (!FirstOctet(p0) || !MiddleOctet(p1) || !MiddleOctet(host[parts[2]]) || !LastOctet(host[parts[3]]))
        {
            return false;
        }

        // The private, loopback and link-local exclusions (negative look-aheads in spaCy's pattern).
        if (Is(p0, "10") || Is(p0, "127") || (Is(p0, "169") && Is(p1, "254")) || (Is(p0, "192") && Is(p1, "168")))
        {
            return false;
        }

        return !(Is(p0, "172") && p1.Length == 2
            && ((p1[0] == '1' && p1[1] is >= '6' and <= '9') || (p1[0] == '2' && D(p1[1])) || (p1[0] == '3' && p1[1] is '0' or '1')));
    }

    private static bool D(int c) => CharClasses.IsUnicodeDigit(c);

    private static bool Is(ReadOnlySpan<int> part, string text)
    {
        if (part.Length != text.Length)
        {
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (part[i] != text[i])
            {
                return false;
            }
        }

        return true;
    }

    // (?:[1-9]\d?|1\d\d|2[01]\d|22[0-3])
    private static bool FirstOctet(ReadOnlySpan<int> p) => p.Length switch
    {
        1 => p[0] is >= '1' and <= '9',
        2 => p[0] is >= '1' and <= '9' && D(p[1]),
        3 => (p[0] == '1' && D(p[1]) && D(p[2])) || (p[0] == '2' && p[1] is '0' or '1' && D(p[2]))
            || (p[0] == '2' && p[1] == '2' && p[2] is >= '0' and <= '3'),
        _ => false,
    };

    // (?:1?\d{1,2}|2[0-4]\d|25[0-5])
    private static bool MiddleOctet(ReadOnlySpan<int> p) => p.Length switch
    {
        1 => D(p[0]),
        2 => D(p[0]) && D(p[1]),
        3 => (p[0] == '1' && D(p[1]) && D(p[2])) || (p[0] == '2' && p[1] is >= '0' and <= '4' && D(p[2]))
            || (p[0] == '2' && p[1] == '5' && p[2] is >= '0' and <= '5'),
        _ => false,
    };

    // (?:[1-9]\d?|1\d\d|2[0-4]\d|25[0-4])
    private static bool LastOctet(ReadOnlySpan<int> p) => p.Length switch
    {
        1 => p[0] is >= '1' and <= '9',
        2 => p[0] is >= '1' and <= '9' && D(p[1]),
        3 => (p[0] == '1' && D(p[1]) && D(p[2])) || (p[0] == '2' && p[1] is >= '0' and <= '4' && D(p[2]))
            || (p[0] == '2' && p[1] == '5' && p[2] is >= '0' and <= '4'),
        _ => false,
    };
}
