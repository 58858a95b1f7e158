using System.IO.Compression;
using System.Text;
using ImdbSentiment.Persistence;
using ImdbSentiment.Tests.Fixtures;
using ImdbSentiment.Training;

namespace ImdbSentiment.Tests.Persistence;

[Collection(TorchCollection.Name)]
public sealed class ModelBundleTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly string _bundle;

    public ModelBundleTests()
    {
        _bundle = Trainer.Train(SyntheticData.Request(_folder.Path, epochs: 1)).ModelPath;
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Should_round_trip_weights_vocabulary_and_manifest()
    {
        var bundle = ModelBundle.Load(_bundle);
        using var model = bundle.CreateModel();

        Assert.Equal(SyntheticData.Vocabulary.Tokens, bundle.Vocabulary.Tokens);
        Assert.Equal(SyntheticData.TinyGru, bundle.Manifest.Model);
        Assert.Equal("tiny", bundle.Manifest.Preset);
        Assert.Single(bundle.Manifest.History);
        Assert.Equal(ModelBundle.FormatVersion, bundle.Manifest.FormatVersion);
    }

    [Fact]
    public void Truncated_file_should_fail_with_one_clear_line()
    {
        var bytes = File.ReadAllBytes(_bundle);
        File.WriteAllBytes(_bundle, bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<BundleFormatException>(() => ModelBundle.Load(_bundle));

        Assert.Equal($"{_bundle}: the model bundle is truncated or not a bundle; copy it again or retrain", error.Message);
    }

    [Fact]
    public void Changed_weights_should_fail_their_checksum()
    {
        RewriteEntry("weights.bin", bytes => bytes[^5] ^= 0x10);

        var error = Assert.Throws<BundleFormatException>(() => ModelBundle.Load(_bundle));

        Assert.Contains("corrupt (weights.bin fails its checksum)", error.Message);
    }

    [Fact]
    public void Future_format_version_should_ask_for_an_upgrade()
    {
        RewriteManifest(json => json.Replace("\"formatVersion\": 1", "\"formatVersion\": 7", StringComparison.Ordinal));

        var error = Assert.Throws<BundleFormatException>(() => ModelBundle.Load(_bundle));

        Assert.EndsWith("has format version 7, newer than this build reads (1); upgrade imdb-sentiment", error.Message);
    }

    [Fact]
    public void Vocabulary_of_the_wrong_size_should_be_reported()
    {
        RewriteManifest(json => json.Replace("\"vocabularySize\": 20,\n    \"embeddingDim\"", "\"vocabularySize\": 25,\n    \"embeddingDim\"", StringComparison.Ordinal));

        var error = Assert.Throws<BundleFormatException>(() => ModelBundle.Load(_bundle));

        Assert.EndsWith("the vocabulary has 20 entries but the weights expect 25; the bundle mixes files from different models", error.Message);
    }

    [Fact]
    public void Missing_file_should_say_how_to_get_one()
    {
        var error = Assert.Throws<BundleFormatException>(() => ModelBundle.Load(_folder.Combine("nope.bundle")));

        Assert.Contains("no such model bundle", error.Message);
    }

    private void RewriteManifest(Func<string, string> change) =>
        RewriteEntry("manifest.json", bytes =>
        {
            var changed = change(Encoding.UTF8.GetString(bytes));
            Assert.NotEqual(Encoding.UTF8.GetString(bytes), changed);
            return Encoding.UTF8.GetBytes(changed);
        });

    private void RewriteEntry(string name, Action<byte[]> change) =>
        RewriteEntry(name, bytes =>
        {
            change(bytes);
            return bytes;
        });

    private void RewriteEntry(string name, Func<byte[], byte[]> change)
    {
        using var zip = ZipFile.Open(_bundle, ZipArchiveMode.Update);
        var entry = zip.GetEntry(name)!;
        byte[] bytes;
        using (var stream = entry.Open())
        using (var buffer = new MemoryStream())
        {
            stream.CopyTo(buffer);
            bytes = buffer.ToArray();
        }

        entry.Delete();
        using var output = zip.CreateEntry(name).Open();
        output.Write(change(bytes));
    }
}
