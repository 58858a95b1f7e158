using ImdbSentiment.Tests.Fixtures;
using System.Text;
using ImdbSentiment.Data;

namespace ImdbSentiment.Tests.Data;

public sealed partial class ImdbCorpusTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Should_load_the_labelled_reviews_of_a_tar_gz_in_split_label_and_numeric_id_order()
    {
        // Given
        var archive = SyntheticCorpus.Standard().WriteTarGz(_temp.Combine("corpus.tar.gz"));

        // When
        var corpus = ImdbCorpus.Load(archive);

        // Then
        Assert.Equal(["1", "2", "10", "1", "2", "10"], corpus.Train.Select(review => review.Id));
        Assert.Equal(
            [Sentiment.Negative, Sentiment.Negative, Sentiment.Negative, Sentiment.Positive, Sentiment.Positive, Sentiment.Positive],
            corpus.Train.Select(review => review.Label));
        Assert.All(corpus.Train, review => Assert.Equal(Split.Train, review.Split));
        Assert.All(corpus.Test, review => Assert.Equal(Split.Test, review.Split));
        Assert.Equal(6, corpus.Test.Count);
    }

    [Fact]
    public void Should_take_id_and_rating_from_the_file_name_and_the_text_unchanged()
    {
        var archive = SyntheticCorpus.Standard().WriteTarGz(_temp.Combine("corpus.tar.gz"));

        var corpus = ImdbCorpus.Load(archive);

        // 1_9.txt under test/pos (rating 8 + id % 2)
        Assert.Equal(new Review("1", Split.Test, Sentiment.Positive, 9, SyntheticCorpus.TextOf("test", "pos", 1)), corpus.Test[3]);
        Assert.Equal(new Review("10", Split.Train, Sentiment.Negative, 3, SyntheticCorpus.TextOf("train", "neg", 10)), corpus.Train[2]);
    }

    [Fact]
    public void Should_load_the_same_reviews_from_a_folder_containing_aclImdb_and_from_aclImdb_itself()
    {
        // Given
        var archive = SyntheticCorpus.Standard().WriteTarGz(_temp.Combine("corpus.tar.gz"));
        var folder = SyntheticCorpus.Standard().WriteFolder(_temp.Combine("extracted"));

        // When
        var fromArchive = ImdbCorpus.Load(archive);
        var fromParent = ImdbCorpus.Load(folder);
        var fromRoot = ImdbCorpus.Load(Path.Combine(folder, "aclImdb"));

        // Then
        Assert.Equal(fromArchive.Train, fromParent.Train);
        Assert.Equal(fromArchive.Test, fromParent.Test);
        Assert.Equal(fromArchive.Train, fromRoot.Train);
        Assert.Equal(fromArchive.Test, fromRoot.Test);
    }

    [Fact]
    public void Should_ignore_unsup_readme_vocab_feat_urls_and_non_review_names()
    {
        var archive = SyntheticCorpus.Standard().WriteTarGz(_temp.Combine("corpus.tar.gz"));

        var corpus = ImdbCorpus.Load(archive);

        Assert.Equal(12, corpus.Train.Count + corpus.Test.Count);
        Assert.All(corpus.Train.Concat(corpus.Test), review => Assert.StartsWith("Review ", review.Text));
    }

    [Fact]
    public void Should_keep_a_zero_byte_review_as_an_empty_text_and_drop_a_byte_order_mark()
    {
        var archive = SyntheticCorpus.Standard()
            .File("aclImdb/train/neg/7_1.txt", [])
            .File("aclImdb/train/neg/8_2.txt", [0xEF, 0xBB, 0xBF, (byte)'o', (byte)'k'])
            .WriteTarGz(_temp.Combine("corpus.tar.gz"));

        var corpus = ImdbCorpus.Load(archive);

        Assert.Equal("", corpus.Train.Single(review => review.Id == "7").Text);
        Assert.Equal("ok", corpus.Train.Single(review => review.Id == "8").Text);
    }

    [Fact]
    public void Should_accept_entry_names_with_a_leading_dot_slash()
    {
        var archive = SyntheticCorpus.Standard()
            .File("./aclImdb/test/pos/11_10.txt", "dot slash")
            .WriteTarGz(_temp.Combine("corpus.tar.gz"));

        var corpus = ImdbCorpus.Load(archive);

        Assert.Equal(new Review("11", Split.Test, Sentiment.Positive, 10, "dot slash"), corpus.Test[^1]);
    }

    [Fact]
    public void Should_ignore_path_traversal_names_and_links_and_write_nothing()
    {
        // Given: names that would escape an extraction folder, and links where reviews are expected
        var work = Directory.CreateDirectory(_temp.Combine("work")).FullName;
        var archive = SyntheticCorpus.Hostile().WriteTarGz(Path.Combine(work, "corpus.tar.gz"));
        var before = _temp.Snapshot();

        // When
        var corpus = ImdbCorpus.Load(archive);

        // Then
        Assert.Equal(["1", "2", "10", "1", "2", "10"], corpus.Train.Select(review => review.Id));
        Assert.DoesNotContain(corpus.Train.Concat(corpus.Test), review => review.Text == "escaped");
        Assert.Equal(before, _temp.Snapshot());
        Assert.False(File.Exists("/tmp/imdb-sentiment-absolute_3.txt"));
    }

    [Fact]
    public void Should_honour_cancellation()
    {
        var archive = SyntheticCorpus.Standard().WriteTarGz(_temp.Combine("corpus.tar.gz"));

        Assert.Throws<OperationCanceledException>(() => ImdbCorpus.Load(archive, new CancellationToken(canceled: true)));
    }

    [Fact]
    public void Should_accept_a_review_with_multibyte_utf8()
    {
        var text = "Emoji \U0001F3AC, accents \u00e9\u00e8, CJK \u6620\u753b";
        var archive = SyntheticCorpus.Standard()
            .File("aclImdb/test/neg/20_1.txt", Encoding.UTF8.GetBytes(text))
            .WriteTarGz(_temp.Combine("corpus.tar.gz"));

        Assert.Equal(text, ImdbCorpus.Load(archive).Test.Single(review => review.Id == "20").Text);
    }
}
