using System.Text;
using ImdbSentiment.Text.Internal;

namespace ImdbSentiment.Tests.Text;

/// <summary>Seeded random strings for the tokenizer's property tests.</summary>
internal static class RandomTexts
{
    private static readonly string[] ReviewPieces =
    [
        "the", "movie", "Don't", "it's", "I'm", "Mr.", "U.S.", "e.g.", "a.", "etc.", "Dr.Smith", "well-known",
        "10/10", "$5", "5%", "3pm", "1,000", "...", "…", "!!", "?", "(", ")", "\"", "'", "''", "`", ":)", ":-)",
        "<3", "<br />", "<br /><br />", "<BR>", "<br/>", "http://x.com/a_(b)", "a@b.co", "--", "-", "—", "/", ":",
        " ", "  ", "\n", "\r\n", "\t", "\u00A0", "\u001C", "\u001D", "\u001E", "\u001F", "\u0000", "\u0007",
        "\u200B", "\u200D", "\uFE0F", "❤", "👍🏽", "👨\u200D👩\u200D👧", "😂", "🍕", "\u05E9\u05DC\u05D5\u05DD",
        "\u0645\u0631\u062D\u0628\u0627", "\u202E", "\u3000", "日本語", "°C.", "km/h", "'s", "’s", "n't", "y'all",
    ];

    private static readonly string[] RightToLeft =
    [
        "שלום", "עולם", "סרט", "מה?", "בְּרֵאשִׁית", "ס״ט", "מרחבא", "مرحبا", "العربية", "كتاب", "الفيلم،", "جيد؟", "ـــ", "لا", "ﻻ",
        "ﷺ", "٣٤٥", "۱۲۳", "٪", "،", "؛", "؟", "۔",
    ];

    // LRM, RLM, ALM, LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI.
    private static readonly string[] BidiMarks =
        ["\u200E", "\u200F", "\u061C", "\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069"];

    private static readonly string[] Emoji =
    [
        "😀", "👍", "👩", "👨", "👧", "👦", "🧑", "🤦", "🏃", "✌", "☝", "❤", "❤️", "💋", "💻", "🌈", "🏳️", "🏴", "☠️", "♀️",
        "♂️", "👁️", "🗨️", "🇺🇸", "🇮🇱", "🇸🇦", "1️⃣", "#️⃣", "©️", "™", "🏴󠁧󠁢󠁳󠁣󠁴󠁿",
        "👩\u200D❤️\u200D💋\u200D👨", "👨\u200D👩\u200D👧\u200D👦", "🏳️\u200D🌈", "🧑🏽\u200D💻", "🤦🏼\u200D♀️", "🏴\u200D☠️",
        "👁️\u200D🗨️", "🏃🏿\u200D♂️\u200D➡️",
    ];

    // Fitzpatrick skin tones U+1F3FB..U+1F3FF.
    private static readonly string[] SkinTones = ["🏻", "🏼", "🏽", "🏾", "🏿"];

    private static readonly string[] Controls =
    [
        .. Enumerable.Range(0x00, 0x20).Select(c => ((char)c).ToString()),
        .. Enumerable.Range(0x7F, 0x21).Select(c => ((char)c).ToString()),
        "\u00AD", "\u200B", "\u200C", "\u200D", "\u2028", "\u2029", "\u2060", "\uFEFF", "\uFFFD", "\uFFFE", "\uFFFF",
    ];

    private static readonly string[] Whitespace =
        [" ", "  ", "\t", "\n", "\r\n", "\r", "\v", "\f", "\u0085", "\u00A0", "\u1680", "\u2000", "\u2003", "\u200A", "\u202F", "\u205F", "\u3000", "\u2028"];

    private static readonly string[] CombiningBases = ["", "a", "e", "Z", "0", ".", "-", "'", "(", " ", "ש", "ع", "😀", "\u0301"];

    private const string Punctuation = "!?.,;:-–—…'\"`()[]{}<>/\\|@#$%^&*_+=~«»‘’‚“”„‹›¡¿·•§¶°";

    private static readonly string[] Schemes = ["", "", "http://", "https://", "HTTP://", "ftp://", "git+ssh://", "mailto:", "www.", "//"];

    private static readonly string[] Labels = ["example", "imdb", "a", "x-y", "-x", "xn--bcher-kva", "localhost", "例え", "sub_domain", "1", "é"];

    private static readonly string[] TopLevel = ["com", "co.uk", "org", "io", "COM", "a", "", "museum", "ελ", "123"];

    private static readonly string[] Paths = ["/", "/a_(b)", "/c.html", "?q=1&r=%20", "#frag", "/~user/", "/path/to/x.png", "/wiki/Foo_(bar)", "/%E2%9C%93", "/a/b/c/"];

    private static readonly string[] LocalParts = ["john.doe", "a+b", "x_y", "o'neil", "用户", "\"quoted\"", "a..b", ".x"];

    private static readonly string[] Numbers =
    [
        "1st", "22nd", "3rd", "4th", "10:30", "10:30pm", "2024-01-01", "01/02/03", "10-20", "1990s", "'90s", "1/2", "½", "٣", "४", "１２３",
        "3.14e10", "-0.5", "+7", "1e-3", "0x1F", "5'11\"", "6ft", "10km/h", "#1", "No.1", "$1.99", "€5", "£3,50", "¥100", "5°C", "100%",
    ];

    /// <summary>
    /// Up to 15 pieces: words and punctuation typical of reviews, arbitrary UTF-16 units (lone surrogates and unassigned
    /// code points included), printable ASCII and spaces.
    /// </summary>
    public static string Mixed(Random random)
    {
        var builder = new StringBuilder();
        var count = random.Next(0, 16);
        for (var i = 0; i < count; i++)
        {
            switch (random.Next(6))
            {
                case 0:
                    AppendUtf16Units(builder, random);
                    break;
                case 1:
                    builder.Append((char)random.Next(0x20, 0x7F));
                    break;
                case 2:
                    builder.Append(' ');
                    break;
                default:
                    builder.Append(Pick(random, ReviewPieces));
                    break;
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// Up to 24 pieces, each followed by a space a third of the time, drawn from every kind of input a tokenizer can
    /// trip on: lone, paired and reversed surrogates; control and format characters; Hebrew and Arabic with bidi
    /// marks; emoji ZWJ sequences and skin-tone modifiers; stacks of combining marks; URLs, e-mail addresses,
    /// numbers, punctuation runs and Unicode whitespace; plus the review pieces of <see cref="Mixed"/>.
    /// </summary>
    public static string Hostile(Random random)
    {
        var builder = new StringBuilder();
        var count = random.Next(0, 25);
        for (var i = 0; i < count; i++)
        {
            AppendHostilePiece(builder, random);
        }

        return builder.ToString();
    }

    /// <summary>
    /// Hostile pieces until the text is <paramref name="length"/> UTF-16 units long; without <paramref name="whitespace"/>,
    /// one chunk with no whitespace at all.
    /// </summary>
    public static string HostileOfLength(Random random, int length, bool whitespace = true)
    {
        var builder = new StringBuilder(length + 64);
        while (builder.Length < length)
        {
            var start = builder.Length;
            AppendHostilePiece(builder, random);
            if (!whitespace)
            {
                RemoveWhitespace(builder, start);
            }
        }

        // Cutting may split a surrogate pair or a ZWJ sequence: more hostile input, not less.
        return builder.ToString(0, length);
    }

    private static void AppendHostilePiece(StringBuilder builder, Random random)
    {
        switch (random.Next(12))
        {
            case 0:
                builder.Append(Pick(random, ReviewPieces));
                break;
            case 1:
                AppendUtf16Units(builder, random);
                break;
            case 2:
                AppendSurrogates(builder, random);
                break;
            case 3:
                builder.Append(Pick(random, Controls));
                break;
            case 4:
                AppendRightToLeft(builder, random);
                break;
            case 5:
                AppendEmoji(builder, random);
                break;
            case 6:
                AppendCombiningStack(builder, random);
                break;
            case 7:
                AppendUrl(builder, random);
                break;
            case 8:
                builder.Append(Pick(random, LocalParts)).Append('@').Append(Pick(random, Labels)).Append('.').Append(Pick(random, TopLevel));
                break;
            case 9:
                builder.Append(Pick(random, Numbers));
                break;
            case 10:
                for (var k = random.Next(1, 7); k > 0; k--)
                {
                    builder.Append(Punctuation[random.Next(Punctuation.Length)]);
                }

                break;
            default:
                builder.Append(Pick(random, Whitespace));
                break;
        }

        if (random.Next(3) == 0)
        {
            builder.Append(' ');
        }
    }

    private static void AppendUtf16Units(StringBuilder builder, Random random)
    {
        for (var k = random.Next(1, 4); k > 0; k--)
        {
            builder.Append((char)random.Next(0, 0x10000));
        }
    }

    private static void AppendSurrogates(StringBuilder builder, Random random)
    {
        var high = (char)random.Next(0xD800, 0xDC00);
        var low = (char)random.Next(0xDC00, 0xE000);
        _ = random.Next(4) switch
        {
            0 => builder.Append(high).Append(low),
            1 => builder.Append(high),
            2 => builder.Append(low),
            _ => builder.Append(low).Append(high),
        };
    }

    private static void AppendRightToLeft(StringBuilder builder, Random random)
    {
        if (random.Next(2) == 0)
        {
            builder.Append(Pick(random, BidiMarks));
        }

        builder.Append(Pick(random, RightToLeft));
        if (random.Next(2) == 0)
        {
            builder.Append(Pick(random, BidiMarks));
        }
    }

    private static void AppendEmoji(StringBuilder builder, Random random)
    {
        builder.Append(Pick(random, Emoji));
        for (var k = random.Next(3); k > 0; k--)
        {
            _ = random.Next(3) switch
            {
                0 => builder.Append(Pick(random, SkinTones)),
                1 => builder.Append('\u200D').Append(Pick(random, Emoji)),
                _ => builder.Append('\uFE0F'),
            };
        }
    }

    private static void AppendCombiningStack(StringBuilder builder, Random random)
    {
        builder.Append(Pick(random, CombiningBases));
        for (var k = random.Next(1, 9); k > 0; k--)
        {
            var mark = random.Next(4) switch
            {
                0 => random.Next(0x0300, 0x0370),
                1 => random.Next(0x1AB0, 0x1B00),
                2 => random.Next(0x20D0, 0x2100),
                _ => random.Next(0xFE20, 0xFE30),
            };
            builder.Append((char)mark);
        }
    }

    private static void AppendUrl(StringBuilder builder, Random random)
    {
        builder.Append(Pick(random, Schemes));
        if (random.Next(4) == 0)
        {
            builder.Append("user:pass@");
        }

        for (var k = random.Next(1, 4); k > 0; k--)
        {
            builder.Append(Pick(random, Labels)).Append('.');
        }

        builder.Append(Pick(random, TopLevel));
        if (random.Next(3) == 0)
        {
            builder.Append(':').Append(random.Next(0, 1_000_000));
        }

        for (var k = random.Next(3); k > 0; k--)
        {
            builder.Append(Pick(random, Paths));
        }
    }

    /// <summary>Removes what the tokenizer treats as whitespace (Python's <c>str.isspace()</c>) from <c>builder[start..]</c>.</summary>
    private static void RemoveWhitespace(StringBuilder builder, int start)
    {
        for (var i = builder.Length - 1; i >= start; i--)
        {
            if (CharClasses.IsWhitespace(builder[i]))
            {
                builder.Remove(i, 1);
            }
        }
    }

    private static string Pick(Random random, string[] items) => items[random.Next(items.Length)];
}
