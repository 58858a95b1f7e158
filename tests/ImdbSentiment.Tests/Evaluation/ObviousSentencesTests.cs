using ImdbSentiment.Data;
using ImdbSentiment.Evaluation;

namespace ImdbSentiment.Tests.Evaluation;

public class ObviousSentencesTests
{
    private static Review Review(string text, Sentiment label, int rating) => new("1", Split.Train, label, rating, text);

    [Fact]
    public void Should_split_at_sentence_ends_before_whitespace_and_at_line_break_tags()
    {
        var sentences = ObviousSentences.Sentences("First one. Second one!Third? 3.5 stars<br /><br />Last  ").ToArray();

        Assert.Equal(["First one.", "Second one!Third?", "3.5 stars", "Last"], sentences);
    }

    [Theory]
    [InlineData("This is the best film I have seen this year.", Sentiment.Positive, true)]
    [InlineData("An absolute masterpiece from start to finish!", Sentiment.Positive, true)]
    [InlineData("This is the worst film I have seen this year.", Sentiment.Negative, true)]
    [InlineData("This is the worst film I have seen this year.", Sentiment.Positive, false)]      // the other label's verdict
    [InlineData("This is not the best film I have seen.", Sentiment.Negative, false)]            // negation
    [InlineData("It isn't the worst film of the year.", Sentiment.Positive, false)]               // negated contraction
    [InlineData("It isn’t the worst film of the year.", Sentiment.Positive, false)]               // typographic apostrophe
    [InlineData("The acting is great but the plot is dull.", Sentiment.Positive, false)]          // both verdicts, contrast
    [InlineData("Was this really the best they could do?", Sentiment.Negative, false)]            // a question
    [InlineData("Great film.", Sentiment.Positive, false)]                                        // too short
    [InlineData("I watched it on a Tuesday with my brother.", Sentiment.Positive, false)]         // no verdict
    public void Should_keep_only_sentences_that_state_their_label_plainly(string sentence, Sentiment label, bool obvious)
    {
        Assert.Equal(obvious, ObviousSentences.IsObvious(sentence, label));
    }

    [Fact]
    public void Should_take_the_first_obvious_sentence_of_each_one_or_ten_star_review()
    {
        Review[] reviews =
        [
            Review("I saw it twice. The music is wonderful and the cast is superb. It is a masterpiece indeed.", Sentiment.Positive, 10),
            Review("The music is wonderful and the cast is superb.", Sentiment.Positive, 8),                 // not 10 stars
            Review("Nothing here.<br />The worst script in years, a complete waste of time.", Sentiment.Negative, 1),
            Review("It has a plot and actors.", Sentiment.Negative, 1),                                       // no verdict
        ];

        var sentences = ObviousSentences.From(reviews);

        Assert.Equal(["The music is wonderful and the cast is superb.", "The worst script in years, a complete waste of time."],
            sentences.Select(s => s.Text));
        Assert.Equal([Sentiment.Positive, Sentiment.Negative], sentences.Select(s => s.Label));
        Assert.Equal([10, 1], sentences.Select(s => s.Rating));
    }
}
