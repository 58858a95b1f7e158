using ImdbSentiment.Data;
using ImdbSentiment.Pipeline;
using ImdbSentiment.Tests.Fixtures;

namespace ImdbSentiment.Tests.Data;

public sealed class UnlabeledCorpusTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static SyntheticCorpus WithUnlabeled() => SyntheticCorpus.Standard()
        .Directory("aclImdb/train/unsup/")
        .File("aclImdb/train/unsup/10_0.txt", "Ten.<br /><br />With markup.")
        .File("aclImdb/train/unsup/2_0.txt", "\uFEFFTwo, with a byte order mark.")
        .File("aclImdb/train/unsup/notes.txt", "not a review name")
        .File("aclImdb/train/unsup/deeper/3_0.txt", "too deep");

    [Fact]
    public void Should_read_only_the_unsup_folder_of_an_archive_by_numeric_id()
    {
        var path = WithUnlabeled().WriteTarGz(_temp.Combine("official.tar.gz"));

        var reviews = UnlabeledCorpus.Load(path);

        // Standard() holds 0_0.txt too; labeled reviews, other files and deeper folders are not read.
        Assert.Equal(["0", "2", "10"], reviews.Select(r => r.Id));
        Assert.Equal(["an unlabelled review", "Two, with a byte order mark.", "Ten.<br /><br />With markup."], reviews.Select(r => r.Text));
    }

    [Fact]
    public void Should_read_an_extracted_folder_alike()
    {
        var root = WithUnlabeled().WriteFolder(_temp.Combine("extracted"));

        Assert.Equal(["0", "2", "10"], UnlabeledCorpus.Load(root).Select(r => r.Id));
        Assert.Equal(["0", "2", "10"], UnlabeledCorpus.Load(Path.Combine(root, "aclImdb")).Select(r => r.Id));
    }

    [Fact]
    public void An_archive_without_the_unsup_folder_should_be_refused_in_one_line_naming_it()
    {
        var path = SyntheticCorpus.Standard().Without("aclImdb/train/unsup/").WriteTarGz(_temp.Combine("labeled.tar.gz"));

        var error = Assert.Throws<CorpusException>(() => UnlabeledCorpus.Load(path));

        Assert.Equal(CorpusErrorKind.MissingFolder, error.Kind);
        Assert.Contains("has no aclImdb/train/unsup/ folder of unlabeled reviews", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_review_that_is_not_utf8_should_be_named()
    {
        var path = WithUnlabeled().File("aclImdb/train/unsup/7_0.txt", [0x41, 0xE9, 0x42]).WriteTarGz(_temp.Combine("latin1.tar.gz"));

        var error = Assert.Throws<CorpusException>(() => UnlabeledCorpus.Load(path));

        Assert.Equal(CorpusErrorKind.NotUtf8, error.Kind);
        Assert.Contains("aclImdb/train/unsup/7_0.txt", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_archive_should_be_reported_as_such()
    {
        var bytes = WithUnlabeled().ToTarGz();
        var path = _temp.Combine("cut.tar.gz");
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        Assert.Equal(CorpusErrorKind.Truncated, Assert.Throws<CorpusException>(() => UnlabeledCorpus.Load(path)).Kind);
    }

    [Fact]
    public void A_missing_path_should_be_reported_as_not_found()
    {
        Assert.Equal(CorpusErrorKind.NotFound, Assert.Throws<CorpusException>(() => UnlabeledCorpus.Load(_temp.Combine("nothing.tar.gz"))).Kind);
    }

    [SkippableFact]
    public void The_real_unlabeled_archive_should_hold_50000_reviews_of_which_269_repeat_a_test_review()
    {
        var unlabeledPath = RealCorpus.UnlabeledPathOrSkip();
        var corpus = ImdbCorpus.Load(RealCorpus.PathOrSkip());

        var unlabeled = UnlabeledCorpus.Load(unlabeledPath);
        var split = DatasetSplit.Create(corpus.Train);
        var pretraining = PretrainingCorpus.Build(split.Train, unlabeled, corpus.Test);

        Assert.Equal(50_000, unlabeled.Count);
        Assert.Equal(269, pretraining.DroppedTestDuplicates);
        Assert.Equal(17_500 + 50_000 - 269, pretraining.Texts.Count);
        var test = corpus.Test.Select(r => ImdbSentiment.Text.HtmlMarkup.Strip(r.Text)).ToHashSet(StringComparer.Ordinal);
        // The labeled archive itself repeats some test texts in its training part; a classifier trains on those anyway.
        Assert.DoesNotContain(pretraining.Texts.Skip(pretraining.TrainSplitReviews), t => test.Contains(ImdbSentiment.Text.HtmlMarkup.Strip(t)));
    }
}
