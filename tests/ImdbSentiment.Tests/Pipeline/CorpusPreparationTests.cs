using ImdbSentiment.Data;
using ImdbSentiment.Datasets;
using ImdbSentiment.Pipeline;
using ImdbSentiment.Text;
using ImdbSentiment.Tests.Fixtures;
using ImdbSentiment.Vocabulary;
using Xunit.Abstractions;

namespace ImdbSentiment.Tests.Pipeline;

public sealed class CorpusPreparationTests(ITestOutputHelper output)
{
    [Fact]
    public void Should_split_build_the_vocabulary_on_the_training_split_and_encode_every_review()
    {
        // Given
        using var folder = new TempFolder();
        var corpus = ImdbCorpus.Load(TinyImdbArchive.Write(folder.Path, perLabel: 50));

        // When
        var prepared = CorpusPreparation.Prepare(corpus, new PreparationOptions(MinFrequency: 3));

        // Then
        Assert.Equal((70, 30, 100), (prepared.Train.Count, prepared.Validation.Count, prepared.EncodedTest.Count));
        Assert.Equal([TokenVocabulary.UnknownToken, TokenVocabulary.PadToken], prepared.Vocabulary.Tokens.Take(2));
        var encoder = new TextEncoder(SpacyTokenizer.English, prepared.Vocabulary);
        var split = CorpusPreparation.Split(corpus, new PreparationOptions(MinFrequency: 3));
        Assert.Equal(split.Train.Select(r => r.Text), prepared.Dataset.Train.Select(r => r.Text));
        for (var i = 0; i < split.Train.Count; i++)
        {
            Assert.Equal(encoder.Encode(split.Train[i].Text), prepared.Train[i].TokenIds);
            Assert.Equal(split.Train[i].Label == Sentiment.Positive ? 1f : 0f, prepared.Train[i].Label);
            Assert.Equal(SentimentLabels.Name(split.Train[i].Label), prepared.Dataset.Train[i].Label);
        }

        Assert.Equal(["neg", "pos"], prepared.Dataset.Labels);
        Assert.Equal(encoder.Encode(prepared.Dataset.Test[0].Text), prepared.EncodedTest[0].TokenIds);
    }

    [Fact]
    public void Vocabulary_should_count_only_the_training_split_and_apply_the_minimum_frequency()
    {
        using var folder = new TempFolder();
        var corpus = ImdbCorpus.Load(TinyImdbArchive.Write(folder.Path, perLabel: 50));

        var prepared = CorpusPreparation.Prepare(corpus, new PreparationOptions(MinFrequency: 3));

        var counts = new TokenCounter();
        foreach (var review in prepared.Dataset.Train)
        {
            foreach (var token in SpacyTokenizer.English.TokenizeToStrings(review.Text))
            {
                counts.Add(token);
            }
        }

        var expected = TokenVocabulary.Build(counts.Counts, minFrequency: 3);
        Assert.Equal(expected.Tokens, prepared.Vocabulary.Tokens);
    }

    [Fact]
    public void Extra_training_rows_should_follow_the_training_split_and_count_in_its_vocabulary()
    {
        // Given the tiny corpus's dataset and two extra rows, one of them the only use of two words
        using var folder = new TempFolder();
        var corpus = ImdbCorpus.Load(TinyImdbArchive.Write(folder.Path, perLabel: 50));
        var dataset = CorpusPreparation.Dataset(corpus, new PreparationOptions(MinFrequency: 1));
        LabeledText[] extra = [new("zyzzyva quokka film", "pos", "unlabeled/3"), new("the plot was awful .", "neg", "unlabeled/8")];

        // When it is prepared with and without them
        var plain = CorpusPreparation.Prepare(dataset, new PreparationOptions(MinFrequency: 1));
        var prepared = CorpusPreparation.Prepare(dataset, new PreparationOptions(MinFrequency: 1, ExtraTraining: extra));

        // Then their words count in the vocabulary, which is the one built over the training split and them
        Assert.DoesNotContain("zyzzyva", plain.Vocabulary.Tokens);
        Assert.Contains("zyzzyva", prepared.Vocabulary.Tokens);
        Assert.Contains("quokka", prepared.Vocabulary.Tokens);
        var counts = new TokenCounter();
        foreach (var row in dataset.Train.Concat(extra))
        {
            foreach (var token in SpacyTokenizer.English.TokenizeToStrings(row.Text))
            {
                counts.Add(token);
            }
        }

        Assert.Equal(TokenVocabulary.Build(counts.Counts, minFrequency: 1).Tokens, prepared.Vocabulary.Tokens);

        // And they are encoded after the split's own rows, with their label's target
        Assert.Equal((70, 72), (plain.Train.Count, prepared.Train.Count));
        Assert.Equal([.. dataset.Train, .. extra], prepared.Dataset.Train);
        var encoder = new TextEncoder(SpacyTokenizer.English, prepared.Vocabulary);
        for (var i = 0; i < prepared.Train.Count; i++)
        {
            var row = prepared.Dataset.Train[i];
            Assert.Equal(encoder.Encode(row.Text), prepared.Train[i].TokenIds);
            Assert.Equal(row.Label == "pos" ? 1f : 0f, prepared.Train[i].Label);
        }

        Assert.Equal((1f, 0f), (prepared.Train[70].Label, prepared.Train[71].Label));

        // And validation and test are the dataset's, untouched
        Assert.Equal((30, 100), (prepared.Validation.Count, prepared.EncodedTest.Count));
        Assert.Equal(dataset.Validation, prepared.Dataset.Validation);
        Assert.Equal(dataset.Test, prepared.Dataset.Test);
        Assert.Equal(encoder.Encode(dataset.Validation[0].Text), prepared.Validation[0].TokenIds);
    }

    [Fact]
    public void Limit_should_take_a_seeded_subset_of_each_set()
    {
        using var folder = new TempFolder();
        var corpus = ImdbCorpus.Load(TinyImdbArchive.Write(folder.Path, perLabel: 50));

        var a = CorpusPreparation.Prepare(corpus, new PreparationOptions(MinFrequency: 1, Limit: 40));
        var b = CorpusPreparation.Prepare(corpus, new PreparationOptions(MinFrequency: 1, Limit: 40));

        Assert.Equal((28, 12, 40), (a.Train.Count, a.Validation.Count, a.EncodedTest.Count));
        Assert.Equal(a.Dataset.Train.Select(r => r.Location), b.Dataset.Train.Select(r => r.Location));
    }

    [SkippableFact]
    public void Real_corpus_should_give_a_vocabulary_within_3_percent_of_the_tutorials()
    {
        var corpus = ImdbCorpus.Load(RealCorpus.PathOrSkip());

        var prepared = CorpusPreparation.Prepare(corpus, new PreparationOptions());

        var stats = prepared.TrainTokens;
        output.WriteLine($"vocabulary {prepared.Vocabulary.Count}, train tokens {stats.TotalTokens}, mean {stats.Mean:F1}, median {stats.Median}, max {stats.Max}, {prepared.Seconds:F1} s");
        Assert.Equal((17_500, 7_500, 25_000), (prepared.Train.Count, prepared.Validation.Count, prepared.EncodedTest.Count));
        Assert.InRange(prepared.Vocabulary.Count, 18_961 * 0.97, 18_961 * 1.03);
        Assert.InRange(stats.Mean, 260, 285);
        Assert.InRange(stats.TotalTokens, 4_600_000, 4_950_000);
    }
}
