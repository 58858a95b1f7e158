using ImdbSentiment.Data;
using ImdbSentiment.Pipeline;
using ImdbSentiment.Vocabulary;

namespace ImdbSentiment.Tests.Pipeline;

public class PretrainingCorpusTests
{
    private static Review Labeled(string id, Split split, string text) => new(id, split, Sentiment.Positive, 8, text);

    [Fact]
    public void Should_drop_unlabeled_reviews_that_repeat_a_test_review_whatever_the_markup_and_keep_the_rest()
    {
        Review[] train = [Labeled("1", Split.Train, "Train text.<br /><br />More.")];
        Review[] test =
        [
            Labeled("1", Split.Test, "A test review.<br /><br />Second paragraph."),
            Labeled("2", Split.Test, "Sm&#269;ek was &quot;great&quot;."),
        ];
        UnlabeledReview[] unlabeled =
        [
            new("0", "A test review.Second paragraph."),          // the first test review, stripped
            new("1", "Smček was \"great\"."),                      // the second, references decoded
            new("2", "A test review.<br /><br />Second paragraph."), // the first, with its markup (official archive)
            new("3", "An unseen review.It has two paragraphs."),
            new("4", "Another unseen one.<br /><br />With markup."),
        ];

        var corpus = PretrainingCorpus.Build(train, unlabeled, test);

        Assert.Equal(3, corpus.DroppedTestDuplicates);
        Assert.Equal((1, 2), (corpus.TrainSplitReviews, corpus.UnlabeledReviews));
        Assert.Equal(
            ["Train text.<br /><br />More.", "An unseen review.<br /><br />It has two paragraphs.", "Another unseen one.<br /><br />With markup."],
            corpus.Texts);
    }

    [Fact]
    public void Should_not_compare_with_the_training_split()
    {
        Review[] train = [Labeled("1", Split.Train, "Seen in training.")];
        UnlabeledReview[] unlabeled = [new("0", "Seen in training.")];

        var corpus = PretrainingCorpus.Build(train, unlabeled, []);

        Assert.Equal(0, corpus.DroppedTestDuplicates);
        Assert.Equal(2, corpus.Texts.Count);
    }

    [Fact]
    public void Encoding_should_read_line_break_tags_as_whitespace_and_count_only_the_corpus_words()
    {
        // Given a train-split review with markup, the same words unlabeled without it, and a held-out text of other words
        Review[] train = [Labeled("1", Split.Train, "Good plot.<br /><br />Good cast.")];
        UnlabeledReview[] unlabeled = [new("0", "Good plot.Good cast.")];
        var corpus = PretrainingCorpus.Build(train, unlabeled, []);

        // When the corpus is encoded with every word kept
        var (vocabulary, texts, heldOut) = corpus.Encode(["Unseen words.<br />Good."], minFrequency: 1);

        // Then both texts are the same ids, the paragraph break one token, and held-out words the corpus lacks are unknown
        Assert.Equal(texts[0].TokenIds, texts[1].TokenIds);
        Assert.Equal(["Good", "plot", ".", "<br /><br />", "Good", "cast", "."], texts[0].TokenIds.Select(id => vocabulary.Tokens[id]));
        Assert.Equal([TokenVocabulary.UnknownIndex, TokenVocabulary.UnknownIndex, vocabulary.IndexOf("."), TokenVocabulary.UnknownIndex, vocabulary.IndexOf("Good"), vocabulary.IndexOf(".")],
            heldOut[0].TokenIds);
    }
}
