namespace ImdbSentiment.Text;

/// <summary>Options of <see cref="SpacyTokenizer"/>.</summary>
/// <param name="NormalizeLineBreakTags">
/// False (the default) gives exact spaCy parity. True treats every <c>&lt;br /&gt;</c>, <c>&lt;br/&gt;</c> and
/// <c>&lt;br&gt;</c> (any letter case) as whitespace, like a newline: a run of tags and whitespace separates the
/// words around it, a single U+0020 directly after a word is still absorbed into that word's
/// <see cref="Token.SpaceAfter"/>, and the rest of the run becomes one whitespace token whose text is the
/// original characters (for example <c>"&lt;br /&gt;&lt;br /&gt;"</c>). Nothing is dropped, so offsets and
/// reconstruction still refer to the original string; callers that do not want these tokens can drop every
/// token made only of whitespace and tags.
/// </param>
public sealed record TokenizerOptions(bool NormalizeLineBreakTags = false);
