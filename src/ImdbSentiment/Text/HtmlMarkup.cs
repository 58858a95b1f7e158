using System.Net;
using System.Text.RegularExpressions;

namespace ImdbSentiment.Text;

/// <summary>
/// The HTML in IMDb reviews. The official archive's reviews hold markup (nearly all of it <c>&lt;br /&gt;</c>) and
/// character references; the unlabeled copy on the project's machines has every tag removed without a trace
/// (<c>it.&lt;br /&gt;&lt;br /&gt;It</c> reads <c>it.It</c>) and references decoded.
/// </summary>
public static partial class HtmlMarkup
{
    /// <summary>
    /// The text as the stripped copy holds it: every <c>&lt;…&gt;</c> tag removed, character references decoded. Two
    /// reviews from either source have the same text exactly when their stripped forms are equal.
    /// </summary>
    /// <param name="text">A review.</param>
    public static string Strip(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return WebUtility.HtmlDecode(Tag().Replace(text, string.Empty));
    }

    /// <summary>Whether the text holds a line-break tag (<c>&lt;br&gt;</c>, <c>&lt;br/&gt;</c>, <c>&lt;br /&gt;</c>).</summary>
    /// <param name="text">A review.</param>
    public static bool HasLineBreakTags(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return LineBreakTag().IsMatch(text);
    }

    /// <summary>
    /// Puts a paragraph break back where a stripped one most likely was: between a sentence's last letter and punctuation
    /// and the capitalised word of the next paragraph (<c>it.It</c> → <c>it.&lt;br /&gt;&lt;br /&gt;It</c>, the official
    /// text's paragraph markup), so that the stripped copy tokenizes as the official text does with line-break tags read as
    /// whitespace (<see cref="TokenizerOptions.NormalizeLineBreakTags"/>): the same words and the same paragraph token.
    /// Abbreviations written in capitals (<c>U.S.A</c>) stay.
    /// </summary>
    /// <param name="stripped">A review without markup.</param>
    public static string RestoreStrippedLineBreaks(string stripped)
    {
        ArgumentNullException.ThrowIfNull(stripped);
        return StrippedBreak().Replace(stripped, ParagraphBreak);
    }

    // How the official archive separates paragraphs.
    private const string ParagraphBreak = "<br /><br />";

    [GeneratedRegex("<[^<>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"<br\s*/?>", RegexOptions.IgnoreCase)]
    private static partial Regex LineBreakTag();

    [GeneratedRegex(@"(?<=\p{Ll}[.!?]+[""')]?)(?=\p{Lu}\p{Ll})")]
    private static partial Regex StrippedBreak();
}
