using System.Text;
using ImdbSentiment.Text;

namespace ImdbSentiment.Tests.Text;

/// <summary>
/// For many seeded random strings, the tokens tile the input: each is non-empty, they follow each other in
/// order, and token text plus its absorbed space, concatenated, gives back the input exactly.
/// </summary>
public sealed class ReconstructionPropertyTests
{
    private static readonly string[] Pieces =
    [
        "the", "movie", "Don't", "it's", "I'm", "Mr.", "U.S.", "e.g.", "a.", "etc.", "Dr.Smith", "well-known",
        "10/10", "$5", "5%", "3pm", "1,000", "...", "…", "!!", "?", "(", ")", "\"", "'", "''", "`", ":)", ":-)",
        "<3", "<br />", "<br /><br />", "<BR>", "<br/>", "http://x.com/a_(b)", "a@b.co", "--", "-", "—", "/", ":",
        " ", "  ", "\n", "\r\n", "\t", "\u00A0", "\u001C", "\u001D", "\u001E", "\u001F", "\u0000", "\u0007",
        "\u200B", "\u200D", "\uFE0F", "❤", "👍🏽", "👨\u200D👩\u200D👧", "😂", "🍕", "\u05E9\u05DC\u05D5\u05DD",
        "\u0645\u0631\u062D\u0628\u0627", "\u202E", "\u3000", "日本語", "°C.", "km/h", "'s", "’s", "n't", "y'all",
    ];

    [Fact]
    public void Tokens_should_tile_the_input_for_20000_random_strings()
    {
        var random = new Random(20_240_601);
        var lineBreaks = new SpacyTokenizer(new TokenizerOptions(NormalizeLineBreakTags: true));
        var tokens = new List<Token>();
        for (var i = 0; i < 20_000; i++)
        {
            var text = RandomText(random);
            foreach (var tokenizer in new[] { SpacyTokenizer.English, lineBreaks })
            {
                tokens.Clear();
                tokenizer.Tokenize(text, tokens);
                AssertTiles(text, tokens);
            }
        }
    }

    private static void AssertTiles(string text, List<Token> tokens)
    {
        var position = 0;
        foreach (var token in tokens)
        {
            if (token.Length <= 0 || token.Start != position)
            {
                Assert.Fail($"token {token} does not start at {position} in {Escape(text)}");
            }

            position = token.Start + token.Length;
            if (token.SpaceAfter)
            {
                if (position >= text.Length || text[position] != ' ')
                {
                    Assert.Fail($"token {token} claims a space that is not there in {Escape(text)}");
                }

                position++;
            }
        }

        if (position != text.Length)
        {
            Assert.Fail($"tokens end at {position}, not {text.Length}, in {Escape(text)}");
        }
    }

    private static string RandomText(Random random)
    {
        var builder = new StringBuilder();
        var count = random.Next(0, 16);
        for (var i = 0; i < count; i++)
        {
            switch (random.Next(6))
            {
                case 0:
                    // Arbitrary UTF-16 units, including lone surrogates and unassigned code points.
                    for (var k = random.Next(1, 4); k > 0; k--)
                    {
                        builder.Append((char)random.Next(0, 0x10000));
                    }

                    break;
                case 1:
                    builder.Append((char)random.Next(0x20, 0x7F));
                    break;
                case 2:
                    builder.Append(' ');
                    break;
                default:
                    builder.Append(Pieces[random.Next(Pieces.Length)]);
                    break;
            }
        }

        return builder.ToString();
    }

    private static string Escape(string text) =>
        string.Concat(text.Select(c => c is < ' ' or > '~' ? $"\\u{(int)c:X4}" : c.ToString()));
}
