using ImdbSentiment.Tests.Fixtures;
using System.Net;
using System.Security.Cryptography;
using ImdbSentiment.Data;

namespace ImdbSentiment.Tests.Data;

public sealed class ArchiveDownloaderTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly byte[] _archive = BuildArchive();

    public void Dispose()
    {
        _http.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public async Task Should_download_verify_and_move_into_place_reporting_progress()
    {
        // Given
        await using var server = new LocalArchiveServer(_archive);
        var destination = _temp.Combine("cache", "aclImdb_v1.tar.gz");
        var progress = new RecordingProgress();

        // When
        await Downloader(server).DownloadAsync(destination, progress);

        // Then
        Assert.Equal(_archive, File.ReadAllBytes(destination));
        Assert.False(File.Exists(destination + ArchiveDownloader.PartialExtension));
        Assert.Equal(new DownloadProgress(_archive.Length, _archive.Length), progress.Reports[^1]);
        Assert.Equal(new DownloadProgress(0, _archive.Length), progress.Reports[0]);
        Assert.True(progress.Reports.Zip(progress.Reports.Skip(1)).All(pair => pair.First.BytesReceived <= pair.Second.BytesReceived));
        Assert.Equal([null], server.Ranges);
        Assert.Equal(6, ImdbCorpus.Load(destination).Train.Count);
    }

    [Fact]
    public async Task Should_accept_an_md5_checksum()
    {
        await using var server = new LocalArchiveServer(_archive);
        var destination = _temp.Combine("a.tar.gz");

        await new ArchiveDownloader(_http, server.Url, Convert.ToHexString(MD5.HashData(_archive))).DownloadAsync(destination);

        Assert.Equal(_archive, File.ReadAllBytes(destination));
    }

    [Fact]
    public async Task Should_delete_the_download_and_leave_nothing_when_the_checksum_is_wrong()
    {
        // Given
        await using var server = new LocalArchiveServer(_archive);
        var destination = _temp.Combine("aclImdb_v1.tar.gz");
        var downloader = new ArchiveDownloader(_http, server.Url, ArchiveChecksum.Sha256(new string('0', 64)));

        // When
        var error = await Assert.ThrowsAsync<CorpusException>(() => downloader.DownloadAsync(destination));

        // Then
        Assert.Equal(CorpusErrorKind.ChecksumMismatch, error.Kind);
        Assert.Contains(server.Url.ToString(), error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.False(File.Exists(destination));
        Assert.False(File.Exists(destination + ArchiveDownloader.PartialExtension));
    }

    [Fact]
    public async Task Should_resume_with_a_range_request_after_the_connection_drops()
    {
        // Given: the first response breaks off after 3000 bytes
        const int dropAfter = 3000;
        await using var server = new LocalArchiveServer(_archive) { DropFirstResponseAfter = dropAfter };
        var destination = _temp.Combine("aclImdb_v1.tar.gz");
        var partial = destination + ArchiveDownloader.PartialExtension;
        var downloader = Downloader(server);

        // When
        var error = await Assert.ThrowsAsync<CorpusException>(() => downloader.DownloadAsync(destination));

        // Then the bytes received are kept, and nothing sits at the destination
        Assert.Equal(CorpusErrorKind.DownloadFailed, error.Kind);
        Assert.Contains("rerun to resume", error.Message);
        Assert.False(File.Exists(destination));
        Assert.Equal(dropAfter, new FileInfo(partial).Length);

        // When a second attempt runs
        var progress = new RecordingProgress();
        await downloader.DownloadAsync(destination, progress);

        // Then it asked only for the rest, and the result is verified and complete
        Assert.Equal([null, $"bytes={dropAfter}-"], server.Ranges);
        Assert.Equal(new DownloadProgress(dropAfter, _archive.Length), progress.Reports[0]);
        Assert.Equal(_archive, File.ReadAllBytes(destination));
        Assert.False(File.Exists(partial));
    }

    [Fact]
    public async Task Should_start_over_when_the_server_ignores_the_range()
    {
        // Given: a stale partial file and a server that always sends the whole file with 200
        await using var server = new LocalArchiveServer(_archive) { SupportsRange = false };
        var destination = _temp.Combine("aclImdb_v1.tar.gz");
        File.WriteAllBytes(destination + ArchiveDownloader.PartialExtension, new byte[1234]);

        // When
        await Downloader(server).DownloadAsync(destination);

        // Then
        Assert.Equal(["bytes=1234-"], server.Ranges);
        Assert.Equal(_archive, File.ReadAllBytes(destination));
    }

    [Fact]
    public async Task Should_finish_when_the_partial_file_is_already_complete()
    {
        await using var server = new LocalArchiveServer(_archive);
        var destination = _temp.Combine("aclImdb_v1.tar.gz");
        File.WriteAllBytes(destination + ArchiveDownloader.PartialExtension, _archive);

        await Downloader(server).DownloadAsync(destination);

        Assert.Equal([$"bytes={_archive.Length}-"], server.Ranges);
        Assert.Equal(_archive, File.ReadAllBytes(destination));
        Assert.False(File.Exists(destination + ArchiveDownloader.PartialExtension));
    }

    [Fact]
    public async Task Should_report_an_http_error_and_leave_nothing()
    {
        await using var server = new LocalArchiveServer(_archive) { FixedStatus = HttpStatusCode.NotFound };
        var destination = _temp.Combine("aclImdb_v1.tar.gz");

        var error = await Assert.ThrowsAsync<CorpusException>(() => Downloader(server).DownloadAsync(destination));

        Assert.Equal(CorpusErrorKind.DownloadFailed, error.Kind);
        Assert.Contains("HTTP 404", error.Message);
        Assert.False(File.Exists(destination));
    }

    [Fact]
    public async Task Should_report_a_server_that_does_not_answer()
    {
        // Given: a port that was free a moment ago
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var url = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/a.tar.gz");
        listener.Stop();

        var error = await Assert.ThrowsAsync<CorpusException>(
            () => new ArchiveDownloader(_http, url, ArchiveChecksum.Sha256(new string('0', 64))).DownloadAsync(_temp.Combine("a.tar.gz")));

        Assert.Equal(CorpusErrorKind.DownloadFailed, error.Kind);
    }

    internal static byte[] BuildArchive()
    {
        // Incompressible padding makes the archive large enough to break off mid-way.
        var padding = new byte[20_000];
        new Random(3).NextBytes(padding);
        return SyntheticCorpus.Standard().File("aclImdb/imdb.vocab", Convert.ToBase64String(padding)).ToTarGz();
    }

    private ArchiveDownloader Downloader(LocalArchiveServer server) =>
        new(_http, server.Url, ArchiveChecksum.Sha256(Convert.ToHexString(SHA256.HashData(_archive))));
}
