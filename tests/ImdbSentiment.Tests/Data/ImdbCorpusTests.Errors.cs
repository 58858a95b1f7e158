using ImdbSentiment.Data;

namespace ImdbSentiment.Tests.Data;

public sealed partial class ImdbCorpusTests
{
    public static TheoryData<string> Cuts => new() { "half", "header", "trailer", "last byte" };

    [Theory]
    [MemberData(nameof(Cuts))]
    public void Should_report_a_truncated_archive_naming_the_file_and_the_remedy(string cut)
    {
        // Given: a bigger corpus, so that the cut lands inside compressed tar data
        var corpus = SyntheticCorpus.Standard();
        var random = new Random(7);
        for (var id = 100; id < 400; id++)
        {
            var noise = new byte[600];
            random.NextBytes(noise);
            corpus.File($"aclImdb/train/pos/{id}_9.txt", Convert.ToBase64String(noise));
        }

        var bytes = corpus.ToTarGz();
        var length = cut switch
        {
            "half" => bytes.Length / 2,
            "header" => 5,
            "trailer" => bytes.Length - 8,
            _ => bytes.Length - 1,
        };
        var path = _temp.Combine("cut.tar.gz");
        File.WriteAllBytes(path, bytes[..length]);

        // When
        var error = Assert.Throws<CorpusException>(() => ImdbCorpus.Load(path));

        // Then
        Assert.Equal(CorpusErrorKind.Truncated, error.Kind);
        Assert.Contains(path, error.Message);
        Assert.Contains("delete it and rerun", error.Message);
        AssertOneLine(error);
    }

    [Fact]
    public void Should_report_a_file_that_is_not_gzip_as_corrupt()
    {
        var path = _temp.Combine("not-gzip.tar.gz");
        File.WriteAllText(path, "<html>404 Not Found</html> and some more text to pass the size check");

        var error = Assert.Throws<CorpusException>(() => ImdbCorpus.Load(path));

        Assert.Equal(CorpusErrorKind.Corrupt, error.Kind);
        Assert.Contains(path, error.Message);
        AssertOneLine(error);
    }

    [Fact]
    public void Should_report_gzip_that_does_not_hold_a_tar_as_corrupt()
    {
        // Given: a valid gzip stream whose content is random bytes rather than tar headers
        var garbage = new byte[4096];
        new Random(11).NextBytes(garbage);
        var path = _temp.Combine("garbage.tar.gz");
        using (var file = File.Create(path))
        using (var gzip = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionLevel.Fastest))
        {
            gzip.Write(garbage);
        }

        // When
        var error = Assert.Throws<CorpusException>(() => ImdbCorpus.Load(path));

        // Then
        Assert.Equal(CorpusErrorKind.Corrupt, error.Kind);
        Assert.Contains(path, error.Message);
        AssertOneLine(error);
    }

    [Fact]
    public void Should_report_a_review_that_is_not_utf8_naming_the_entry()
    {
        var archive = SyntheticCorpus.Standard()
            .File("aclImdb/test/pos/30_8.txt", [(byte)'c', (byte)'a', (byte)'f', 0xE9, (byte)'!']) // Latin-1 "café!"
            .WriteTarGz(_temp.Combine("corpus.tar.gz"));

        var error = Assert.Throws<CorpusException>(() => ImdbCorpus.Load(archive));

        Assert.Equal(CorpusErrorKind.NotUtf8, error.Kind);
        Assert.Contains("aclImdb/test/pos/30_8.txt", error.Message);
        Assert.Contains(archive, error.Message);
        AssertOneLine(error);
    }

    [Fact]
    public void Should_report_a_review_that_is_not_utf8_in_a_folder()
    {
        var folder = SyntheticCorpus.Standard().File("aclImdb/train/neg/31_2.txt", [0xFF, 0xFE, 0x41]).WriteFolder(_temp.Combine("extracted"));

        var error = Assert.Throws<CorpusException>(() => ImdbCorpus.Load(folder));

        Assert.Equal(CorpusErrorKind.NotUtf8, error.Kind);
        Assert.Contains("aclImdb/train/neg/31_2.txt", error.Message);
    }

    [Fact]
    public void Should_report_a_missing_split_or_label_folder()
    {
        var archive = SyntheticCorpus.Standard().Without("aclImdb/test/pos/").WriteTarGz(_temp.Combine("corpus.tar.gz"));

        var error = Assert.Throws<CorpusException>(() => ImdbCorpus.Load(archive));

        Assert.Equal(CorpusErrorKind.MissingFolder, error.Kind);
        Assert.Contains("aclImdb/test/pos/", error.Message);
        Assert.Contains(archive, error.Message);
        AssertOneLine(error);
    }

    [Fact]
    public void Should_report_a_missing_folder_in_an_extracted_corpus()
    {
        var folder = SyntheticCorpus.Standard().Without("aclImdb/train/neg/").WriteFolder(_temp.Combine("extracted"));

        var error = Assert.Throws<CorpusException>(() => ImdbCorpus.Load(folder));

        Assert.Equal(CorpusErrorKind.MissingFolder, error.Kind);
        Assert.Contains("aclImdb/train/neg/", error.Message);
    }

    [Fact]
    public void Should_report_an_empty_folder_that_is_not_the_corpus()
    {
        var error = Assert.Throws<CorpusException>(() => ImdbCorpus.Load(Directory.CreateDirectory(_temp.Combine("empty")).FullName));

        Assert.Equal(CorpusErrorKind.MissingFolder, error.Kind);
    }

    [Fact]
    public void Should_report_a_duplicate_id_within_a_split_and_label()
    {
        var archive = SyntheticCorpus.Standard().File("aclImdb/train/pos/2_10.txt", "same id as 2_8").WriteTarGz(_temp.Combine("corpus.tar.gz"));

        var error = Assert.Throws<CorpusException>(() => ImdbCorpus.Load(archive));

        Assert.Equal(CorpusErrorKind.DuplicateId, error.Kind);
        Assert.Contains("aclImdb/train/pos/2_10.txt", error.Message);
        Assert.Contains("id 2", error.Message);
        AssertOneLine(error);
    }

    [Fact]
    public void Should_report_a_duplicate_id_written_with_leading_zeros_in_a_folder()
    {
        var folder = SyntheticCorpus.Standard().File("aclImdb/test/neg/0002_4.txt", "same id as 2_3").WriteFolder(_temp.Combine("extracted"));

        var error = Assert.Throws<CorpusException>(() => ImdbCorpus.Load(folder));

        Assert.Equal(CorpusErrorKind.DuplicateId, error.Kind);
    }

    [Fact]
    public void Should_report_a_path_that_does_not_exist()
    {
        var path = _temp.Combine("nowhere.tar.gz");

        var error = Assert.Throws<CorpusException>(() => ImdbCorpus.Load(path));

        Assert.Equal(CorpusErrorKind.NotFound, error.Kind);
        Assert.Contains(path, error.Message);
    }

    private static void AssertOneLine(Exception error) => Assert.DoesNotContain('\n', error.Message);
}
