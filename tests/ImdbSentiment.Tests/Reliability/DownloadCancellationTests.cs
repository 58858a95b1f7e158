using System.Security.Cryptography;
using ImdbSentiment.Data;
using ImdbSentiment.Tests.Data;
using ImdbSentiment.Tests.Fixtures;

namespace ImdbSentiment.Tests.Reliability;

/// <summary>
/// Ctrl+C while the archive downloads, modelled by cancelling the token while the transfer waits for bytes: nothing may
/// appear under the archive's name, the bytes received stay in the partial file, and the next run resumes from them
/// with a Range request and ends with the verified archive. (The CLI always downloads from the official address, so
/// this is tested at library level; the CLI maps cancellation to exit 130 for every command.)
/// </summary>
public sealed class DownloadCancellationTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly byte[] _archive = ArchiveDownloaderTests.BuildArchive();

    public void Dispose()
    {
        _http.Dispose();
        _temp.Dispose();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5000)]
    [InlineData(-1)]
    public async Task Cancelled_mid_transfer_should_keep_the_partial_file_and_the_next_run_should_resume_and_verify(int stallPoint)
    {
        // Given: the server stalls after some bytes (-1: all but the last), and the download is cancelled while it waits
        var received = stallPoint > 0 ? stallPoint : _archive.Length - 1;
        await using var server = new LocalArchiveServer(_archive) { StallFirstResponseAfter = received };
        var destination = _temp.Combine("cache", "aclImdb_v1.tar.gz");
        var partial = destination + ArchiveDownloader.PartialExtension;
        var downloader = new ArchiveDownloader(_http, server.Url, ArchiveChecksum.Sha256(Convert.ToHexString(SHA256.HashData(_archive))));
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var cancel = new CancellationTokenSource();

        // When
        var download = downloader.DownloadAsync(destination, new ReportWhenReceived(received, arrived), cancel.Token);
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await cancel.CancelAsync();

        // Then
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => download);
        Assert.False(File.Exists(destination));
        Assert.Equal(_archive[..received], File.ReadAllBytes(partial));

        // When the next run starts
        await downloader.DownloadAsync(destination);

        // Then
        Assert.Equal([null, $"bytes={received}-"], server.Ranges);
        Assert.Equal(_archive, File.ReadAllBytes(destination));
        Assert.False(File.Exists(partial));
    }

    private sealed class ReportWhenReceived(long bytes, TaskCompletionSource arrived) : IProgress<DownloadProgress>
    {
        public void Report(DownloadProgress value)
        {
            if (value.BytesReceived >= bytes)
            {
                arrived.TrySetResult();
            }
        }
    }
}
