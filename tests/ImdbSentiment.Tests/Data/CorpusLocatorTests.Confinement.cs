using ImdbSentiment.Data;

namespace ImdbSentiment.Tests.Data;

/// <summary>Downloading and reading a bad archive writes the archive into the cache folder and nothing anywhere else.</summary>
public sealed partial class CorpusLocatorTests
{
    public static TheoryData<string, CorpusErrorKind?> BadArchives => new()
    {
        { "hostile names and links", null },
        { "cut in half", CorpusErrorKind.Truncated },
    };

    [Theory]
    [MemberData(nameof(BadArchives))]
    public async Task Should_write_only_the_archive_into_the_cache_when_it_is_bad(string kind, CorpusErrorKind? expected)
    {
        // Given: an archive that matches the checksum the downloader expects, but is hostile or cut short
        var archive = kind == "cut in half" ? _archive[..(_archive.Length / 2)] : SyntheticCorpus.Hostile().ToTarGz();
        await using var server = new LocalArchiveServer(archive);
        Assert.Empty(_temp.Snapshot());

        // When
        var path = await Resolve(null, server, served: archive);
        var error = Record.Exception(() => ImdbCorpus.Load(path));

        // Then: the cut archive is reported, the hostile one loads (its hostile entries ignored)
        Assert.True(error is null or CorpusException, error?.ToString());
        Assert.Equal(expected, (error as CorpusException)?.Kind);
        Assert.Equal(["xdg", Path.Combine("xdg", CorpusLocator.CacheFolderName), Path.Combine("xdg", CorpusLocator.CacheFolderName, OfficialArchive.FileName)],
            _temp.Snapshot());
        Assert.False(File.Exists("/tmp/imdb-sentiment-absolute_3.txt"));
    }
}
