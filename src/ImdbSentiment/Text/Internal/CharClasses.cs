using System.Buffers;
using System.Globalization;
using System.Text;

namespace ImdbSentiment.Text.Internal;

/// <summary>
/// spaCy's character classes (spec §5) as precomputed lookups over code points. The BMP is a flat table;
/// the few astral ranges (ICONS and uncased scripts) are searched in sorted range arrays.
/// </summary>
internal static class CharClasses
{
    public const ushort Whitespace = 1;
    public const ushort Punct = 2;
    public const ushort Quote = 4;
    public const ushort Icon = 8;
    public const ushort Alpha = 16;
    public const ushort Lower = 32;
    public const ushort Upper = 64;
    public const ushort Currency = 128;

    /// <summary>Characters that allow a final period to be split off after them (suffix rule 11 of §6.2).</summary>
    public const ushort PeriodSplitter = 256;

    /// <summary>Characters of the URL host classes (spec §9): <c>[A-Za-z0-9\u00a1-\uffff]</c>.</summary>
    public const ushort HostChar = 512;

    private const string CasedAlphaRanges =
        "0041-005A 0061-007A 00C0-00D6 00D8-00F6 00F8-01BF 01C4-02AF 0386 0388-038A 038C 038E-038F 0391-03A9 " +
        "03AC-03AF 03B1-03C9 03CC-03CE 0400-0401 0403-040A 040C-040D 0410-0451 0453-045A 045C-045D 0490-0491 " +
        "0496-0497 04A2-04A3 04AE-04AF 04BA-04BB 04D8-04D9 04E8-04E9 1D00-1D25 1D6B-1D77 1D79-1D9A 1E00-1EFF " +
        "2C60-2C7B 2C7E-2C7F A722-A76F A771-A787 A78B-A78E A790-A7B9 A7FA AB30-AB5A AB60-AB64 FF21-FF3A FF41-FF5A";

    private const string UncasedRanges =
        "0591-05F4 0620-064A 066E-06D5 06E5-06FF 0750-077F 08A0-08BD 0900-09FF 0B80-0CFF 0D80-0DFF 1100-137F " +
        "2E80-2FDF 2FF0-30FF 31C0-31EF 3200-4DBF 4E00-9FFF AC00-D7AF F900-FAFF FB1D-FBB1 FBD3-FD3D FD50-FDC7 " +
        "FDF0-FDFB FE30-FE4F FE70-FEFC 1EE00-1EEBB 1F200-1F2FF 20000-2A6DF 2A700-2EBEF 2F800-2FA1F";

    private const string IconRanges =
        "00A6 00A9 00AE 00B0 0482 058D-058E 060E-060F 06DE 06E9 06FD-06FE 07F6 09FA 0B70 " +
        "0BF3-0BF8 0BFA 0C7F 0D4F 0D79 0F01-0F03 0F13 0F15-0F17 0F1A-0F1F 0F34 0F36 0F38 " +
        "0FBE-0FC5 0FC7-0FCC 0FCE-0FCF 0FD5-0FD8 109E-109F 1390-1399 1940 19DE-19FF " +
        "1B61-1B6A 1B74-1B7C 2100-2101 2103-2106 2108-2109 2114 2116-2117 211E-2123 2125 " +
        "2127 2129 212E 213A-213B 214A 214C-214D 214F 218A-218B 2195-2199 219C-219F " +
        "21A1-21A2 21A4-21A5 21A7-21AD 21AF-21CD 21D0-21D1 21D3 21D5-21F3 2300-2307 " +
        "230C-231F 2322-2328 232B-237B 237D-239A 23B4-23DB 23E2-2426 2440-244A 249C-24E9 " +
        "2500-25B6 25B8-25C0 25C2-25F7 2600-266E 2670-2767 2794-27BF 2800-28FF 2B00-2B2F " +
        "2B45-2B46 2B4D-2B73 2B76-2B95 2B98-2BC8 2BCA-2BFE 2CE5-2CEA 2E80-2E99 2E9B-2EF3 " +
        "2F00-2FD5 2FF0-2FFB 3004 3012-3013 3020 3036-3037 303E-303F 3190-3191 3196-319F " +
        "31C0-31E3 3200-321E 322A-3247 3250 3260-327F 328A-32B0 32C0-32FE 3300-33FF " +
        "4DC0-4DFF A490-A4C6 A828-A82B A836-A837 A839 AA77-AA79 FDFD FFE4 FFE8 FFED-FFEE " +
        "FFFC-FFFD 10137-1013F 10179-10189 1018C-1018E 10190-1019B 101A0 101D0-101FC " +
        "10877-10878 10AC8 1173F 16B3C-16B3F 16B45 1BC9C 1D000-1D0F5 1D100-1D126 " +
        "1D129-1D164 1D16A-1D16C 1D183-1D184 1D18C-1D1A9 1D1AE-1D1E8 1D200-1D241 1D245 " +
        "1D300-1D356 1D800-1D9FF 1DA37-1DA3A 1DA6D-1DA74 1DA76-1DA83 1DA85-1DA86 1ECAC " +
        "1F000-1F02B 1F030-1F093 1F0A0-1F0AE 1F0B1-1F0BF 1F0C1-1F0CF 1F0D1-1F0F5 " +
        "1F110-1F16B 1F170-1F1AC 1F1E6-1F202 1F210-1F23B 1F240-1F248 1F250-1F251 " +
        "1F260-1F265 1F300-1F3FA 1F400-1F6D4 1F6E0-1F6EC 1F6F0-1F6F9 1F700-1F773 " +
        "1F780-1F7D8 1F800-1F80B 1F810-1F847 1F850-1F859 1F860-1F887 1F890-1F8AD " +
        "1F900-1F90B 1F910-1F93E 1F940-1F970 1F973-1F976 1F97A 1F97C-1F9A2 1F9B0-1F9B9 " +
        "1F9C0-1F9C2 1F9D0-1F9FF 1FA60-1FA6D";

    /// <summary>Python's <c>str.isspace()</c> set (spec §2).</summary>
    private const string WhitespaceRanges =
        "0009-000D 001C-0020 0085 00A0 1680 2000-200A 2028-2029 202F 205F 3000";

    /// <summary>Single-character PUNCT entries (spec §5); <c>……</c> is handled by the rules.</summary>
    private const string PunctChars = "…,:;!?¿؟¡()[]{}<>_#*&。？！，、；：～·।،۔؛٪";

    /// <summary>QUOTES (spec §5).</summary>
    private const string QuoteChars = "'\"”“`‘´’‚,„»«「」『』（）〔〕【】《》〈〉\u2329\u232A⟦⟧";

    private const string CurrencyChars = "$£€¥฿₽﷼₴";

    private static readonly ushort[] Bmp = BuildBmp();

    /// <summary>Python's whitespace characters, for vectorised scanning.</summary>
    public static readonly SearchValues<char> WhitespaceChars = SearchValues.Create(BmpMembers(Whitespace));

    /// <summary>Whitespace plus '&lt;', which may open a line-break tag.</summary>
    public static readonly SearchValues<char> WhitespaceOrTagStart = SearchValues.Create(BmpMembers(Whitespace) + "<");

    /// <summary>ASCII letters, the characters of the commonest chunks.</summary>
    public static readonly SearchValues<char> AsciiLetters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");
    private static readonly int[] AstralIcons = AstralPart(IconRanges);
    private static readonly int[] AstralUncased = AstralPart(UncasedRanges);

    /// <summary>The class bits of a code point (a lone surrogate is looked up as itself).</summary>
    public static ushort Of(int cp)
    {
        if ((uint)cp < 0x10000)
        {
            return Bmp[cp];
        }

        ushort bits = 0;
        if (InRanges(AstralIcons, cp))
        {
            bits |= Icon;
        }

        if (InRanges(AstralUncased, cp))
        {
            bits |= Alpha | Lower | Upper | PeriodSplitter;
        }

        return bits;
    }

    public static bool Has(int cp, ushort bits) => (Of(cp) & bits) != 0;

    public static bool IsAsciiDigit(int cp) => (uint)(cp - '0') <= 9;

    public static bool IsWhitespace(char c) => (Bmp[c] & Whitespace) != 0;

    public static bool IsPunct(int cp) => Has(cp, Punct);

    public static bool IsQuote(int cp) => Has(cp, Quote);

    public static bool IsIcon(int cp) => Has(cp, Icon);

    public static bool IsAlpha(int cp) => Has(cp, Alpha);

    public static bool IsLower(int cp) => Has(cp, Lower);

    public static bool IsUpper(int cp) => Has(cp, Upper);

    public static bool IsCurrencyChar(int cp) => Has(cp, Currency);

    /// <summary>Python's <c>\d</c> for str patterns: Unicode decimal digits (category Nd).</summary>
    public static bool IsUnicodeDigit(int cp) =>
        IsAsciiDigit(cp) || (cp > 127 && Rune.IsValid(cp) && Rune.GetUnicodeCategory(new Rune(cp)) == UnicodeCategory.DecimalDigitNumber);

    /// <summary>Python's <c>\w</c> for str patterns: letters, numbers and underscore.</summary>
    public static bool IsWordChar(int cp)
    {
        if (cp < 128)
        {
            return cp == '_' || char.IsAsciiLetterOrDigit((char)cp);
        }

        if (!Rune.IsValid(cp))
        {
            return false;
        }

        var category = Rune.GetUnicodeCategory(new Rune(cp));
        return category <= UnicodeCategory.OtherLetter
            || category is UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber;
    }

    private static string BmpMembers(ushort bits)
    {
        var builder = new StringBuilder();
        for (var c = 0; c < Bmp.Length; c++)
        {
            if ((Bmp[c] & bits) != 0)
            {
                builder.Append((char)c);
            }
        }

        return builder.ToString();
    }

    /// <summary>Parses "0041-005A 00B5 …" into inclusive [lo, hi] pairs.</summary>
    internal static List<(int Lo, int Hi)> ParseRanges(string ranges)
    {
        var result = new List<(int, int)>();
        foreach (var part in ranges.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var dash = part.IndexOf('-', StringComparison.Ordinal);
            var lo = int.Parse(dash < 0 ? part : part[..dash], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            var hi = dash < 0 ? lo : int.Parse(part[(dash + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            result.Add((lo, hi));
        }

        return result;
    }

    private static ushort[] BuildBmp()
    {
        var table = new ushort[0x10000];
        void Mark(string ranges, ushort bits)
        {
            foreach (var (lo, hi) in ParseRanges(ranges))
            {
                for (var cp = lo; cp <= Math.Min(hi, 0xFFFF); cp++)
                {
                    table[cp] |= bits;
                }
            }
        }

        Mark(WhitespaceRanges, Whitespace);
        Mark(IconRanges, Icon);
        Mark(UncasedRanges, Alpha | Lower | Upper);
        foreach (var (lo, hi) in ParseRanges(CasedAlphaRanges))
        {
            for (var cp = lo; cp <= hi; cp++)
            {
                table[cp] |= Alpha;
                var category = CharUnicodeInfo.GetUnicodeCategory((char)cp);
                if (category == UnicodeCategory.LowercaseLetter)
                {
                    table[cp] |= Lower;
                }
                else if (category == UnicodeCategory.UppercaseLetter)
                {
                    table[cp] |= Upper;
                }
            }
        }

        table[0x0294] |= Lower;
        table[0x03A2] |= Upper;
        foreach (var c in PunctChars)
        {
            table[c] |= Punct;
        }

        foreach (var c in QuoteChars)
        {
            table[c] |= Quote;
        }

        foreach (var c in CurrencyChars)
        {
            table[c] |= Currency;
        }

        for (var c = 0x20A0; c <= 0x20BF; c++)
        {
            table[c] |= Currency;
        }

        for (var c = 0; c < table.Length; c++)
        {
            if ((table[c] & (Lower | Punct | Quote)) != 0 || IsAsciiDigit(c) || c is '%' or '²' or '-' or '+' or '|')
            {
                table[c] |= PeriodSplitter;
            }

            if (char.IsAsciiLetterOrDigit((char)c) || c >= 0xA1)
            {
                table[c] |= HostChar;
            }
        }

        return table;
    }

    private static int[] AstralPart(string ranges)
    {
        var pairs = new List<int>();
        foreach (var (lo, hi) in ParseRanges(ranges))
        {
            if (hi >= 0x10000)
            {
                pairs.Add(Math.Max(lo, 0x10000));
                pairs.Add(hi);
            }
        }

        return [.. pairs];
    }

    private static bool InRanges(int[] pairs, int cp)
    {
        int lo = 0, hi = (pairs.Length / 2) - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >> 1;
            if (cp < pairs[2 * mid])
            {
                hi = mid - 1;
            }
            else if (cp > pairs[(2 * mid) + 1])
            {
                lo = mid + 1;
            }
            else
            {
                return true;
            }
        }

        return false;
    }
}
