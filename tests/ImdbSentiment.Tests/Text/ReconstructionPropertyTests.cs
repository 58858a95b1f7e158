using ImdbSentiment.Text;

namespace ImdbSentiment.Tests.Text;

/// <summary>
/// For many seeded random strings, the tokens tile the input: each is non-empty, they follow each other in
/// order, and token text plus its absorbed space, concatenated, gives back the input exactly.
/// </summary>
public sealed class ReconstructionPropertyTests
{
    [Fact]
    public void Tokens_should_tile_the_input_for_20000_random_strings()
    {
        var random = new Random(20_240_601);
        var lineBreaks = new SpacyTokenizer(new TokenizerOptions(NormalizeLineBreakTags: true));
        var tokens = new List<Token>();
        for (var i = 0; i < 20_000; i++)
        {
            var text = RandomTexts.Mixed(random);
            foreach (var tokenizer in new[] { SpacyTokenizer.English, lineBreaks })
            {
                TokenTiling.AssertTokenizesAndTiles(tokenizer, text, tokens);
            }
        }
    }
}
