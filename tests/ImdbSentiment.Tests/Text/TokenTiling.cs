using ImdbSentiment.Text;

namespace ImdbSentiment.Tests.Text;

/// <summary>
/// The reconstruction property of the tokenizer: the tokens tile the input, each non-empty and starting where the
/// previous one (plus its absorbed space) ended, so token text plus trailing space, concatenated, is the input.
/// </summary>
internal static class TokenTiling
{
    /// <summary>Tokenizes <paramref name="text"/> into <paramref name="tokens"/> (cleared first) and asserts that they tile it.</summary>
    public static void AssertTokenizesAndTiles(SpacyTokenizer tokenizer, string text, List<Token> tokens)
    {
        tokens.Clear();
        try
        {
            tokenizer.Tokenize(text, tokens);
        }
        catch (Exception e)
        {
            Assert.Fail($"tokenizing {Describe(text, 0)} threw {e}");
        }

        AssertTiles(text, tokens);
    }

    public static void AssertTiles(string text, List<Token> tokens)
    {
        var position = 0;
        foreach (var token in tokens)
        {
            if (token.Length <= 0 || token.Start != position)
            {
                Assert.Fail($"token {token} does not start at {position} in {Describe(text, position)}");
            }

            position = token.Start + token.Length;
            if (token.SpaceAfter)
            {
                if (position >= text.Length || text[position] != ' ')
                {
                    Assert.Fail($"token {token} claims a space that is not there in {Describe(text, position)}");
                }

                position++;
            }
        }

        if (position != text.Length)
        {
            Assert.Fail($"tokens end at {position}, not {text.Length}, in {Describe(text, position)}");
        }
    }

    /// <summary>The text escaped, or for a long text the part around <paramref name="position"/>.</summary>
    private static string Describe(string text, int position)
    {
        const int window = 80;
        if (text.Length <= 2 * window)
        {
            return Escape(text);
        }

        var start = Math.Clamp(position - window, 0, text.Length - (2 * window));
        return $"a {text.Length}-char text, around offset {position}: …{Escape(text.Substring(start, 2 * window))}…";
    }

    private static string Escape(string text) =>
        string.Concat(text.Select(c => c is < ' ' or > '~' ? $"\\u{(int)c:X4}" : c.ToString()));
}
