using ImdbSentiment.Tests.Fixtures;
using System.Security.Cryptography;
using ImdbSentiment.Data;

namespace ImdbSentiment.Tests.Data;

public sealed partial class CorpusLocatorTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly Dictionary<string, string?> _environment = [];
    private readonly byte[] _archive = ArchiveDownloaderTests.BuildArchive();

    public CorpusLocatorTests() => _environment["XDG_CACHE_HOME"] = _temp.Combine("xdg");

    private string Cache => Path.Combine(_temp.Path, "xdg", CorpusLocator.CacheFolderName);

    public void Dispose()
    {
        _http.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public async Task Should_prefer_the_explicit_path_over_the_environment()
    {
        await using var server = new LocalArchiveServer(_archive);
        var explicitPath = SyntheticCorpus.Standard().WriteTarGz(_temp.Combine("explicit.tar.gz"));
        _environment[CorpusLocator.DataVariable] = SyntheticCorpus.Standard().WriteTarGz(_temp.Combine("env.tar.gz"));

        Assert.Equal(explicitPath, await Resolve(explicitPath, server));
        Assert.Empty(server.Ranges);
    }

    [Fact]
    public async Task Should_use_the_environment_when_no_path_is_given()
    {
        await using var server = new LocalArchiveServer(_archive);
        var folder = SyntheticCorpus.Standard().WriteFolder(_temp.Combine("extracted"));
        _environment[CorpusLocator.DataVariable] = folder;

        Assert.Equal(folder, await Resolve(null, server));
        Assert.Empty(server.Ranges);
    }

    [Fact]
    public async Task Should_fail_rather_than_look_further_when_a_given_path_does_not_exist()
    {
        await using var server = new LocalArchiveServer(_archive);
        var missing = _temp.Combine("missing.tar.gz");
        _environment[CorpusLocator.DataVariable] = missing;

        var fromArgument = await Assert.ThrowsAsync<CorpusException>(() => Resolve(missing, server));
        var fromEnvironment = await Assert.ThrowsAsync<CorpusException>(() => Resolve("", server));

        Assert.Equal(CorpusErrorKind.NotFound, fromArgument.Kind);
        Assert.Contains("the path given", fromArgument.Message);
        Assert.Contains(CorpusLocator.DataVariable, fromEnvironment.Message);
        Assert.Contains(missing, fromEnvironment.Message);
        Assert.Empty(server.Ranges);
    }

    [Fact]
    public async Task Should_use_a_verified_archive_in_the_cache()
    {
        await using var server = new LocalArchiveServer(_archive);
        Directory.CreateDirectory(Cache);
        var cached = Path.Combine(Cache, CorpusLocator.LabeledArchiveFileName);
        File.WriteAllBytes(cached, _archive);
        File.WriteAllText(cached + ".sha256", $"{Convert.ToHexStringLower(SHA256.HashData(_archive))}  {CorpusLocator.LabeledArchiveFileName}\n");

        Assert.Equal(cached, await Resolve(null, server));
        Assert.Empty(server.Ranges);
    }

    [Fact]
    public async Task Should_reject_a_cached_archive_whose_checksum_differs()
    {
        await using var server = new LocalArchiveServer(_archive);
        Directory.CreateDirectory(Cache);
        var cached = Path.Combine(Cache, CorpusLocator.LabeledArchiveFileName);
        File.WriteAllBytes(cached, _archive);
        File.WriteAllText(cached + ".sha256", new string('0', 64));

        var error = await Assert.ThrowsAsync<CorpusException>(() => Resolve(null, server));

        Assert.Equal(CorpusErrorKind.ChecksumMismatch, error.Kind);
        Assert.Contains("delete it and rerun", error.Message);
    }

    [Fact]
    public async Task Should_download_into_the_cache_when_nothing_else_is_found()
    {
        await using var server = new LocalArchiveServer(_archive);
        var progress = new RecordingProgress();

        var path = await Resolve(null, server, progress);

        Assert.Equal(Path.Combine(Cache, OfficialArchive.FileName), path);
        Assert.Equal(_archive, File.ReadAllBytes(path));
        Assert.Equal(_archive.Length, progress.Reports[^1].BytesReceived);
    }

    [Fact]
    public void Should_place_the_cache_under_xdg_cache_home_when_absolute_and_under_home_otherwise()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

        Assert.Equal(Path.Combine("/var/cache/me", "imdb-sentiment"), CorpusLocator.GetCacheFolder(_ => "/var/cache/me"));
        Assert.Equal(Path.Combine(home, ".cache", "imdb-sentiment"), CorpusLocator.GetCacheFolder(_ => "relative/cache"));
        Assert.Equal(Path.Combine(home, ".cache", "imdb-sentiment"), CorpusLocator.GetCacheFolder(_ => null));
        Assert.EndsWith("imdb-sentiment", CorpusLocator.CacheFolder);
    }

    /// <summary>Resolves with a downloader that expects <paramref name="served"/> (default: the standard archive).</summary>
    private Task<string> Resolve(string? explicitPath, LocalArchiveServer server, IProgress<DownloadProgress>? progress = null, byte[]? served = null)
    {
        var downloader = new ArchiveDownloader(_http, server.Url, ArchiveChecksum.Sha256(Convert.ToHexString(SHA256.HashData(served ?? _archive))));
        return CorpusLocator.ResolveAsync(explicitPath, name => _environment.GetValueOrDefault(name), downloader, progress, CancellationToken.None);
    }
}
