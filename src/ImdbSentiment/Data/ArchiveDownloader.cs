using System.Net;
using System.Net.Http.Headers;

namespace ImdbSentiment.Data;

/// <summary>
/// Downloads an archive into place only once its checksum is verified: bytes go to
/// <c>&lt;destination&gt;.partial</c>, an interrupted download resumes from there with an HTTP <c>Range</c> request,
/// and the verified file is renamed onto the destination, so the destination never holds an unverified file.
/// </summary>
public sealed class ArchiveDownloader
{
    /// <summary>The extension of the file a download is written to until it is verified.</summary>
    public const string PartialExtension = ".partial";

    private const int ChunkBytes = 1 << 16;

    private readonly HttpClient _http;

    /// <summary>Creates a downloader; it does not own <paramref name="httpClient"/>.</summary>
    /// <param name="httpClient">The client to send requests with.</param>
    /// <param name="source">The archive's address.</param>
    /// <param name="checksum">The checksum the archive must have, e.g. <see cref="OfficialArchive.Checksum"/>.</param>
    public ArchiveDownloader(HttpClient httpClient, Uri source, ArchiveChecksum checksum)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(checksum);
        if (!source.IsAbsoluteUri || (source.Scheme != Uri.UriSchemeHttp && source.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException("must be an absolute http or https address", nameof(source));
        }

        _http = httpClient;
        Source = source;
        Checksum = checksum;
    }

    /// <summary>Creates a downloader that checks the archive's MD5, as the official archive's is published.</summary>
    /// <param name="httpClient">The client to send requests with; not owned.</param>
    /// <param name="source">The archive's address.</param>
    /// <param name="expectedMd5">32 hexadecimal digits.</param>
    public ArchiveDownloader(HttpClient httpClient, Uri source, string expectedMd5)
        : this(httpClient, source, ArchiveChecksum.Md5(expectedMd5))
    {
    }

    /// <summary>The archive's address.</summary>
    public Uri Source { get; }

    /// <summary>The checksum the archive must have.</summary>
    public ArchiveChecksum Checksum { get; }

    /// <summary>
    /// Downloads the archive to <paramref name="destinationPath"/>, resuming a <c>.partial</c> file left by an
    /// earlier attempt. On success the destination holds the verified archive; on failure it is untouched and the
    /// partial file is kept for the next attempt to resume, unless the checksum was wrong, in which case the
    /// partial file is deleted.
    /// </summary>
    /// <param name="destinationPath">Where the verified archive goes; its folder is created if needed.</param>
    /// <param name="progress">Receives the bytes written so far (including resumed ones) and the total, if known.</param>
    /// <param name="ct">Cancels the download; the partial file is kept.</param>
    /// <exception cref="CorpusException">The server failed or the connection broke (<see cref="CorpusErrorKind.DownloadFailed"/>), or the checksum differs (<see cref="CorpusErrorKind.ChecksumMismatch"/>).</exception>
    public async Task DownloadAsync(string destinationPath, IProgress<DownloadProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(destinationPath);
        var destination = Path.GetFullPath(destinationPath);
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        var partial = destination + PartialExtension;

        // At most two rounds: a resume the server refuses (416) falls back to one fresh download.
        for (var round = 0; round < 2; round++)
        {
            var offset = File.Exists(partial) ? new FileInfo(partial).Length : 0;
            using var request = new HttpRequestMessage(HttpMethod.Get, Source);
            if (offset > 0)
            {
                request.Headers.Range = new RangeHeaderValue(offset, null);
            }

            using var response = await SendAsync(request, ct).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable && offset > 0)
            {
                // Either the partial file is already complete, or it does not belong to this archive.
                if (Checksum.Matches(await Checksum.ComputeAsync(partial, ct).ConfigureAwait(false)))
                {
                    File.Move(partial, destination, overwrite: true);
                    return;
                }

                File.Delete(partial);
                continue;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw CorpusException.DownloadFailed(Source, $"the server answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            }

            var resuming = response.StatusCode == HttpStatusCode.PartialContent;
            long? total;
            if (resuming)
            {
                var range = response.Content.Headers.ContentRange;
                if (range is null || range.From != offset)
                {
                    throw CorpusException.DownloadFailed(Source, $"asked to resume at byte {offset}, the server sent range {range}");
                }

                total = range.Length ?? offset + response.Content.Headers.ContentLength;
            }
            else
            {
                offset = 0; // the server ignored the Range header and sent the whole file: start over
                total = response.Content.Headers.ContentLength;
            }

            await CopyToPartialAsync(response, partial, resuming, offset, total, progress, ct).ConfigureAwait(false);
            await VerifyAndMoveAsync(partial, destination, ct).ConfigureAwait(false);
            return;
        }

        throw CorpusException.DownloadFailed(Source, "the server refused to send the file from the start (HTTP 416)");
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        try
        {
            return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw CorpusException.DownloadFailed(Source, e.Message, e);
        }
        catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw CorpusException.DownloadFailed(Source, "the server did not answer in time", e);
        }
    }

    private async Task CopyToPartialAsync(
        HttpResponseMessage response, string partial, bool append, long offset, long? total, IProgress<DownloadProgress>? progress, CancellationToken ct)
    {
        var received = offset;
        progress?.Report(new DownloadProgress(received, total));
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
            await using var file = new FileStream(
                partial, append ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None, ChunkBytes, FileOptions.Asynchronous);
            var buffer = new byte[ChunkBytes];
            int read;
            while ((read = await body.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
            {
                await file.WriteAsync(buffer.AsMemory(0, read), ct).ConfigureAwait(false);
                received += read;
                progress?.Report(new DownloadProgress(received, total));
            }
        }
        catch (HttpRequestException e)
        {
            throw CorpusException.DownloadFailed(Source, $"the connection broke after {received} bytes ({e.Message})", e);
        }
        catch (IOException e)
        {
            throw CorpusException.DownloadFailed(Source, $"the transfer failed after {received} bytes ({e.Message})", e);
        }

        if (total is { } expected && received != expected)
        {
            throw CorpusException.DownloadFailed(Source, $"the server sent {received} of {expected} bytes");
        }
    }

    private async Task VerifyAndMoveAsync(string partial, string destination, CancellationToken ct)
    {
        var actual = await Checksum.ComputeAsync(partial, ct).ConfigureAwait(false);
        if (!Checksum.Matches(actual))
        {
            File.Delete(partial);
            throw CorpusException.DownloadChecksumMismatch(Source, Checksum.ToString(), $"{Checksum.Algorithm.Name} {actual}");
        }

        File.Move(partial, destination, overwrite: true);
    }
}
