using ImdbSentiment.Text;
using ImdbSentiment.Vocabulary;

namespace ImdbSentiment.Tests.Vocabulary;

public sealed class TextEncoderTests
{
    private static readonly TextEncoder Encoder = new(SpacyTokenizer.English, TokenVocabulary.FromTokens(["<unk>", "<PAD>", "good", "film"]));

    [Theory]
    [InlineData("good film", new[] { 2, 3 })]
    [InlineData("good dull film", new[] { 2, 0, 3 })]
    [InlineData("", new[] { 0 })]
    public void A_model_should_read_the_tokens_ids_or_one_unknown_token_for_an_empty_text(string text, int[] expected)
    {
        Assert.Equal(expected, Encoder.EncodeForModel(text));
    }

    [Fact]
    public void Encode_should_keep_an_empty_text_empty()
    {
        Assert.Empty(Encoder.Encode(string.Empty));
    }
}
