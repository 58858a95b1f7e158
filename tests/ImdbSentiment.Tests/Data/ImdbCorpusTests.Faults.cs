using System.Formats.Tar;
using System.IO.Compression;
using ImdbSentiment.Data;

namespace ImdbSentiment.Tests.Data;

/// <summary>Damaged and hostile archives and folders: a clear <see cref="CorpusException"/> or a documented skip, never another exception.</summary>
public sealed partial class ImdbCorpusTests
{
    public static TheoryData<string, byte[]> InvalidUtf8 => new()
    {
        { "a lone continuation byte", [(byte)'a', 0x80] },
        { "an overlong encoding of '/'", [0xC0, 0xAF] },
        { "an encoded surrogate", [(byte)'a', 0xED, 0xA0, 0x80] },
        { "a code point above U+10FFFF", [0xF4, 0x90, 0x80, 0x80] },
        { "a five-byte sequence", [0xF8, 0x88, 0x80, 0x80, 0x80] },
        { "a sequence cut at the end of the file", [(byte)'5', 0xE2, 0x82] },
    };

    [Fact]
    public void Should_report_every_cut_of_an_archive_as_truncated()
    {
        // Given
        var bytes = SyntheticCorpus.Standard().ToTarGz();
        var path = _temp.Combine("cut.tar.gz");

        for (var length = 0; length < bytes.Length; length++)
        {
            // When
            File.WriteAllBytes(path, bytes[..length]);
            var error = Record.Exception(() => ImdbCorpus.Load(path));

            // Then
            Assert.True(error is CorpusException { Kind: CorpusErrorKind.Truncated }, $"cut at {length} of {bytes.Length}: {Describe(error)}");
        }
    }

    [Fact]
    public void Should_load_the_same_reviews_or_report_a_corpus_error_for_every_damaged_byte()
    {
        // Given
        var bytes = SyntheticCorpus.Standard().ToTarGz();
        var path = _temp.Combine("damaged.tar.gz");
        var intact = ImdbCorpus.Load(SyntheticCorpus.Standard().WriteTarGz(_temp.Combine("intact.tar.gz")));

        for (var position = 0; position < bytes.Length; position++)
        {
            // When
            var damaged = bytes.ToArray();
            damaged[position] ^= 0x01;
            File.WriteAllBytes(path, damaged);
            ImdbCorpus? corpus = null;
            var error = Record.Exception(() => corpus = ImdbCorpus.Load(path));

            // Then: gzip's CRC and size trailer catch what tar's fields do not; what still loads is unchanged
            if (error is null)
            {
                Assert.True(intact.Train.SequenceEqual(corpus!.Train) && intact.Test.SequenceEqual(corpus.Test), $"byte {position} changed the reviews");
            }
            else
            {
                Assert.True(error is CorpusException, $"byte {position}: {Describe(error)}");
                AssertOneLine(error);
            }
        }
    }

    [Fact]
    public void Should_report_an_out_of_range_number_in_a_tar_header_as_corrupt()
    {
        // Given: one entry's PAX records rewritten, at the same length, to carry an mtime too large for a date
        var tar = Gunzip(SyntheticCorpus.Standard().ToTarGz());
        var records = "34 path=aclImdb/train/pos/1_9.txt\n20 mtime=1306886400\n"u8;
        var at = tar.AsSpan().IndexOf(records);
        Assert.True(at >= 0, "the archive has no such PAX records");
        "34 mtime=999999999999999999999999\n20 uname=1306886400\n"u8.CopyTo(tar.AsSpan(at));
        var path = _temp.Combine("bad-mtime.tar.gz");
        File.WriteAllBytes(path, Gzip(tar));

        // When
        var error = Assert.Throws<CorpusException>(() => ImdbCorpus.Load(path));

        // Then
        Assert.Equal(CorpusErrorKind.Corrupt, error.Kind);
        Assert.Contains(path, error.Message);
        AssertOneLine(error);
    }

    [Theory]
    [MemberData(nameof(InvalidUtf8))]
    public void Should_report_invalid_utf8_of_every_kind(string kind, byte[] content)
    {
        var archive = SyntheticCorpus.Standard().File("aclImdb/train/pos/40_9.txt", content).WriteTarGz(_temp.Combine("corpus.tar.gz"));

        var error = Assert.Throws<CorpusException>(() => ImdbCorpus.Load(archive));

        Assert.True(error.Kind == CorpusErrorKind.NotUtf8, kind);
        Assert.Contains("aclImdb/train/pos/40_9.txt", error.Message);
        AssertOneLine(error);
    }

    [Fact]
    public void Should_report_an_entry_that_appears_twice_as_a_duplicate()
    {
        // Given: the same name again, as "tar --append" leaves it
        var archive = SyntheticCorpus.Standard().File("aclImdb/train/neg/1_4.txt", "appended again").WriteTarGz(_temp.Combine("corpus.tar.gz"));

        var error = Assert.Throws<CorpusException>(() => ImdbCorpus.Load(archive));

        Assert.Equal(CorpusErrorKind.DuplicateId, error.Kind);
        Assert.Contains("aclImdb/train/neg/1_4.txt", error.Message);
    }

    [Fact]
    public void Should_report_an_entry_too_large_for_a_review_as_corrupt()
    {
        var archive = SyntheticCorpus.Standard()
            .File("aclImdb/test/pos/41_9.txt", new byte[(16 << 20) + 1])
            .WriteTarGz(_temp.Combine("corpus.tar.gz"));

        var error = Assert.Throws<CorpusException>(() => ImdbCorpus.Load(archive));

        Assert.Equal(CorpusErrorKind.Corrupt, error.Kind);
        Assert.Contains("aclImdb/test/pos/41_9.txt", error.Message);
        AssertOneLine(error);
    }

    [Fact]
    public void Should_ignore_hard_links_fifos_and_devices_named_like_reviews_and_write_nothing()
    {
        // Given
        var work = Directory.CreateDirectory(_temp.Combine("work")).FullName;
        var archive = SyntheticCorpus.Standard()
            .Special("aclImdb/train/pos/13_9.txt", TarEntryType.HardLink, "aclImdb/train/pos/1_9.txt")
            .Special("aclImdb/train/pos/14_9.txt", TarEntryType.HardLink, "/etc/passwd")
            .Special("aclImdb/train/neg/15_1.txt", TarEntryType.Fifo)
            .Special("aclImdb/test/pos/16_9.txt", TarEntryType.CharacterDevice)
            .Special("aclImdb/test/neg/17_1.txt", TarEntryType.BlockDevice)
            .WriteTarGz(Path.Combine(work, "corpus.tar.gz"));
        var before = _temp.Snapshot();

        // When
        var corpus = ImdbCorpus.Load(archive);

        // Then
        Assert.Equal(["1", "2", "10", "1", "2", "10"], corpus.Train.Select(review => review.Id));
        Assert.Equal(["1", "2", "10", "1", "2", "10"], corpus.Test.Select(review => review.Id));
        Assert.Equal(before, _temp.Snapshot());
    }

    [Fact]
    public void Should_keep_a_zero_byte_review_in_a_folder_as_an_empty_text()
    {
        var folder = SyntheticCorpus.Standard().File("aclImdb/test/pos/42_7.txt", []).WriteFolder(_temp.Combine("extracted"));

        var corpus = ImdbCorpus.Load(folder);

        Assert.Equal("", corpus.Test.Single(review => review.Id == "42").Text);
    }

    private static string Describe(Exception? error) => error is null ? "it loaded" : $"{error.GetType().Name}: {error.Message}";

    private static byte[] Gunzip(byte[] bytes)
    {
        using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        using var output = new MemoryStream();
        gzip.CopyTo(output);
        return output.ToArray();
    }

    private static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(bytes);
        }

        return output.ToArray();
    }
}
