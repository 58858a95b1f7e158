using ImdbSentiment.Tests.Fixtures;
using System.Security.Cryptography;
using ImdbSentiment.Data;

namespace ImdbSentiment.Tests.Data;

public sealed class ArchiveVerifierTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly byte[] _archive = SyntheticCorpus.Standard().ToTarGz();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("{0}  aclImdb_v1_labeled.tar.gz\n")]
    [InlineData("{0}\n")]
    [InlineData("{0}")]
    public async Task Should_verify_against_a_sibling_sha256_file(string format)
    {
        var path = Write("aclImdb_v1_labeled.tar.gz", _archive);
        File.WriteAllText(path + ".sha256", string.Format(format, Convert.ToHexStringLower(SHA256.HashData(_archive))));

        Assert.Equal(ArchiveVerification.Sha256File, await ArchiveVerifier.VerifyAsync(path));
    }

    [Fact]
    public async Task Should_report_a_mismatch_against_the_sha256_file()
    {
        var path = Write("aclImdb_v1_labeled.tar.gz", _archive);
        File.WriteAllText(path + ".sha256", new string('a', 64) + "  aclImdb_v1_labeled.tar.gz\n");

        var error = await Assert.ThrowsAsync<CorpusException>(() => ArchiveVerifier.VerifyAsync(path));

        Assert.Equal(CorpusErrorKind.ChecksumMismatch, error.Kind);
        Assert.Contains(path, error.Message);
        Assert.Contains(new string('a', 64), error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task Should_report_a_malformed_sha256_file()
    {
        var path = Write("aclImdb_v1_labeled.tar.gz", _archive);
        File.WriteAllText(path + ".sha256", "not a checksum\n");

        var error = await Assert.ThrowsAsync<CorpusException>(() => ArchiveVerifier.VerifyAsync(path));

        Assert.Equal(CorpusErrorKind.BadChecksumFile, error.Kind);
        Assert.Contains(path + ".sha256", error.Message);
    }

    [Fact]
    public async Task Should_check_a_file_named_like_the_official_archive_against_the_published_md5()
    {
        var path = Write(OfficialArchive.FileName, _archive);

        var error = await Assert.ThrowsAsync<CorpusException>(() => ArchiveVerifier.VerifyAsync(path));

        Assert.Equal(CorpusErrorKind.ChecksumMismatch, error.Kind);
        Assert.Contains(OfficialArchive.Md5, error.Message);
    }

    [Fact]
    public async Task Should_leave_other_files_and_folders_unverified()
    {
        var path = Write("mine.tar.gz", _archive);

        Assert.Equal(ArchiveVerification.Unverified, await ArchiveVerifier.VerifyAsync(path));
        Assert.Equal(ArchiveVerification.Unverified, await ArchiveVerifier.VerifyAsync(_temp.Path));
    }

    [Fact]
    public async Task Should_verify_against_an_explicit_checksum()
    {
        var path = Write("mine.tar.gz", _archive);

        await ArchiveVerifier.VerifyAsync(path, ArchiveChecksum.Md5(Convert.ToHexString(MD5.HashData(_archive))));
        await Assert.ThrowsAsync<CorpusException>(() => ArchiveVerifier.VerifyAsync(path, ArchiveChecksum.Md5(new string('0', 32))));
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("7c2ac02c03563afcf9b574c7e56c153g")]
    public void Should_reject_a_malformed_md5(string hex) => Assert.Throws<ArgumentException>(() => ArchiveChecksum.Md5(hex));

    private string Write(string name, byte[] content)
    {
        var path = _temp.Combine(name);
        File.WriteAllBytes(path, content);
        return path;
    }
}
