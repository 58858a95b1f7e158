namespace ImdbSentiment.Text.Internal;

/// <summary>
/// Cuts text into alternating maximal runs of non-whitespace (chunks) and whitespace (spec §2), using Python's
/// <c>str.isspace()</c> set. When line-break tags are enabled, <c>&lt;br /&gt;</c>, <c>&lt;br/&gt;</c> and
/// <c>&lt;br&gt;</c> (any case) count as whitespace too.
/// </summary>
internal ref struct WhitespaceSegmenter(ReadOnlySpan<char> text, bool lineBreakTags)
{
    private readonly ReadOnlySpan<char> _text = text;
    private int _position;

    /// <summary>Moves to the next run; false at the end of the text.</summary>
    public bool Next(out int start, out int length, out bool isWhitespace)
    {
        start = _position;
        if (start >= _text.Length)
        {
            length = 0;
            isWhitespace = false;
            return false;
        }

        isWhitespace = SeparatorLength(_text, start, lineBreakTags) > 0;
        var end = isWhitespace ? EndOfSeparators(start) : EndOfChunk(start);
        length = end - start;
        _position = end;
        return true;
    }

    private readonly int EndOfChunk(int start)
    {
        // Chunks average a few characters, so a scalar loop with an ASCII shortcut beats a vectorised search.
        var text = _text;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if ((uint)(c - 0x21) < 0x85 - 0x21)
            {
                if (c == '<' && lineBreakTags && LineBreakTagLength(text[i..]) > 0)
                {
                    return i;
                }
            }
            else if (CharClasses.IsWhitespace(c))
            {
                return i;
            }
        }

        return text.Length;
    }

    private readonly int EndOfSeparators(int start)
    {
        var text = _text;
        var i = start;
        while (i < text.Length)
        {
            var step = SeparatorLength(text, i, lineBreakTags);
            if (step == 0)
            {
                return i;
            }

            i += step;
        }

        return i;
    }

    /// <summary>UTF-16 length of the whitespace character or line-break tag at <paramref name="i"/>, or 0.</summary>
    public static int SeparatorLength(ReadOnlySpan<char> text, int i, bool lineBreakTags)
    {
        var c = text[i];
        if (CharClasses.IsWhitespace(c))
        {
            return 1;
        }

        return lineBreakTags && c == '<' ? LineBreakTagLength(text[i..]) : 0;
    }

    /// <summary>Length of a <c>&lt;br&gt;</c>, <c>&lt;br/&gt;</c> or <c>&lt;br /&gt;</c> tag at the start, or 0.</summary>
    public static int LineBreakTagLength(ReadOnlySpan<char> s)
    {
        if (s.Length < 4 || s[0] != '<' || (s[1] | 0x20) != 'b' || (s[2] | 0x20) != 'r')
        {
            return 0;
        }

        if (s[3] == '>')
        {
            return 4;
        }

        if (s[3] == '/')
        {
            return s.Length >= 5 && s[4] == '>' ? 5 : 0;
        }

        return s[3] == ' ' && s.Length >= 6 && s[4] == '/' && s[5] == '>' ? 6 : 0;
    }
}
