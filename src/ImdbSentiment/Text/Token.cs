namespace ImdbSentiment.Text;

/// <summary>A token as a span of the tokenized string.</summary>
/// <param name="Start">Offset of the first UTF-16 unit of the token in the input.</param>
/// <param name="Length">Number of UTF-16 units; always at least 1.</param>
/// <param name="SpaceAfter">True if a single U+0020 directly after the token was absorbed into it (spaCy's <c>whitespace_</c>).</param>
public readonly record struct Token(int Start, int Length, bool SpaceAfter);
