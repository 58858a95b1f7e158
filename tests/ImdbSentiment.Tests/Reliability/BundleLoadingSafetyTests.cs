using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using ImdbSentiment.Models;
using ImdbSentiment.Persistence;
using ImdbSentiment.Tests.Fixtures;
using ImdbSentiment.Training;

namespace ImdbSentiment.Tests.Reliability;

/// <summary>
/// Loading a bundle from an untrusted source: it only reads our own entries into memory, within declared and bounded
/// sizes, deserialises only our own closed record types, and answers anything else with one clear line. It never
/// writes to disk. (Truncation, checksums, a newer format version and vocabulary mismatches are in ModelBundleTests.)
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class BundleLoadingSafetyTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly string _bundle;

    public BundleLoadingSafetyTests()
    {
        _bundle = Trainer.Train(SyntheticData.Request(_folder.Combine("run"), epochs: 1)).ModelPath;
    }

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("notes.txt", "notes.txt")]
    [InlineData("../../escaped.txt", "../../escaped.txt")]
    [InlineData("/tmp/imdb-sentiment-escaped.txt", "/tmp/imdb-sentiment-escaped.txt")]
    [InlineData("weights.bin/../../../escaped.txt", "weights.bin/../../../escaped.txt")]
    [InlineData("evil\nsentiment: error: all good", "evil?sentiment: error: all good")]
    public void An_entry_we_do_not_write_should_be_refused_with_one_line_and_nothing_written(string name, string shown)
    {
        // Given
        BundleRewriter.Rewrite(_bundle, entries => entries.Add((name, "#!/bin/sh\necho pwned\n"u8.ToArray())));
        var before = _folder.Snapshot();

        // When
        var error = Assert.Throws<BundleFormatException>(() => ModelBundle.Load(_bundle));

        // Then
        Assert.Equal($"{_bundle}: the model bundle holds an unexpected entry '{shown}'; it was not written by imdb-sentiment or was altered", error.Message);
        Assert.Equal(before, _folder.Snapshot());
        Assert.False(File.Exists(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(_bundle)!, name))));
    }

    [Fact]
    public void An_entry_stored_twice_should_be_refused()
    {
        BundleRewriter.Rewrite(_bundle, entries => entries.Add(entries.Single(e => e.Name == "weights.bin")));

        var error = Assert.Throws<BundleFormatException>(() => ModelBundle.Load(_bundle));

        Assert.Equal($"{_bundle}: the model bundle holds weights.bin twice; it was not written by imdb-sentiment or was altered", error.Message);
    }

    [Fact]
    public void An_entry_declaring_a_huge_size_should_be_refused_before_anything_is_read()
    {
        BundleRewriter.SetDeclaredSize(_bundle, "weights.bin", 3_000_000_000);

        var error = Assert.Throws<BundleFormatException>(() => ModelBundle.Load(_bundle));

        Assert.Equal($"{_bundle}: the model bundle's weights.bin declares 3,000,000,000 bytes, more than an entry may hold (1,073,741,824); it is damaged or hostile", error.Message);
    }

    [Fact]
    public void An_entry_that_inflates_far_beyond_its_declared_size_should_be_refused_without_inflating_it()
    {
        // Given: 32 MB of zeros (a few kB compressed) that declare 1,000 bytes
        const int inflated = 32 << 20;
        BundleRewriter.Rewrite(_bundle, entries => entries[entries.FindIndex(e => e.Name == "weights.bin")] = ("weights.bin", new byte[inflated]));
        BundleRewriter.SetDeclaredSize(_bundle, "weights.bin", 1000);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();

        // When
        var error = Assert.Throws<BundleFormatException>(() => ModelBundle.Load(_bundle));

        // Then
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        Assert.StartsWith($"{_bundle}: the model bundle is ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.True(allocated < inflated / 4, $"loading allocated {allocated:N0} bytes");
    }

    [Fact]
    public void Type_hints_in_the_manifest_should_be_ignored_not_followed()
    {
        // Given: "$type" (the metadata name System.Text.Json and Json.NET use for polymorphism) on every object
        var original = ModelBundle.Load(_bundle).Manifest;
        const string hint = "\"$type\": \"System.Diagnostics.Process, System.Diagnostics.Process\",";
        BundleRewriter.RewriteManifest(_bundle, json => json
            .Replace("{\n  \"formatVersion\"", "{" + hint + "\n  \"formatVersion\"", StringComparison.Ordinal)
            .Replace("\"model\": {", "\"model\": {" + hint, StringComparison.Ordinal)
            .Replace("\"training\": {", "\"training\": {" + hint, StringComparison.Ordinal));

        // When
        var manifest = ModelBundle.Load(_bundle).Manifest;

        // Then
        Assert.Equal(original.Model, manifest.Model);
        Assert.Equal(original.Training, manifest.Training);
        Assert.Equal(original.Entries, manifest.Entries);
    }

    [Fact]
    public void A_foreign_object_in_place_of_a_record_should_be_refused_with_one_line()
    {
        // Given: the test report replaced by what a type-name-handling deserialiser would turn into a started process
        var marker = _folder.Combine("marker");
        BundleRewriter.RewriteManifest(_bundle, json => json.Replace("\"test\": null",
            $$"""
            "test": { "$type": "System.Diagnostics.Process, System.Diagnostics.Process", "startInfo": { "fileName": "touch", "arguments": "{{marker}}" } }
            """, StringComparison.Ordinal));

        // When
        var error = Assert.Throws<BundleFormatException>(() => ModelBundle.Load(_bundle));

        // Then
        Assert.StartsWith($"{_bundle}: the model bundle's manifest is invalid (", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public void The_manifest_should_deserialise_only_closed_types_without_polymorphism()
    {
        var seen = new HashSet<Type>();
        var pending = new Queue<Type>([typeof(BundleManifest)]);
        while (pending.TryDequeue(out var type))
        {
            if (!seen.Add(type))
            {
                continue;
            }

            var info = BundleJson.Default.GetTypeInfo(type);
            Assert.True(info is not null, $"{type} has no generated metadata");
            Assert.True(info.PolymorphismOptions is null, $"{type} is polymorphic");
            Assert.False(type == typeof(object) || type == typeof(JsonElement) || typeof(JsonNode).IsAssignableFrom(type), $"{type} can hold anything");
            switch (info.Kind)
            {
                case JsonTypeInfoKind.Object:
                    Assert.True(type.IsSealed || type.IsValueType, $"{type} is not sealed");
                    foreach (var property in info.Properties)
                    {
                        pending.Enqueue(property.PropertyType);
                    }

                    break;
                case JsonTypeInfoKind.Enumerable:
                    pending.Enqueue(info.ElementType!);
                    break;
                case JsonTypeInfoKind.Dictionary:
                    pending.Enqueue(info.KeyType!);
                    pending.Enqueue(info.ElementType!);
                    break;
            }
        }

        Assert.Contains(typeof(ModelOptions), seen);
        Assert.Contains(typeof(EpochMetrics), seen);
    }

    [Fact]
    public void Hostile_weights_with_a_matching_checksum_should_fail_with_one_line_when_the_model_is_built()
    {
        // Given: the right number of tensors, then a name whose length prefix never ends
        byte[] original = [];
        BundleRewriter.Rewrite(_bundle, entries =>
        {
            var index = entries.FindIndex(e => e.Name == "weights.bin");
            original = entries[index].Bytes;
            entries[index] = ("weights.bin", [original[0], 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]);
        });
        var hostile = new byte[] { original[0], 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF };
        BundleRewriter.RewriteManifest(_bundle, json => json.Replace(
            Convert.ToHexStringLower(SHA256.HashData(original)), Convert.ToHexStringLower(SHA256.HashData(hostile)), StringComparison.Ordinal));
        var bundle = ModelBundle.Load(_bundle);

        // When
        var error = Assert.Throws<BundleFormatException>(() => bundle.CreateModel().Dispose());

        // Then
        Assert.StartsWith($"{_bundle}: the weights do not fit the stored architecture (", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Theory]
    [InlineData("99999999999", "the model bundle has format version 99999999999, newer than this build reads (1); upgrade imdb-sentiment")]
    [InlineData("0", "the model bundle has format version 0, which this build does not read (expected 1); retrain it")]
    [InlineData("\"1\"", "the model bundle's manifest is invalid (formatVersion is missing or not a whole number); retrain it")]
    [InlineData("1.5", "the model bundle's manifest is invalid (formatVersion is missing or not a whole number); retrain it")]
    public void A_format_version_this_build_does_not_read_should_be_one_clear_line(string version, string message)
    {
        BundleRewriter.RewriteManifest(_bundle, json => json.Replace("\"formatVersion\": 1,", $"\"formatVersion\": {version},", StringComparison.Ordinal));

        var error = Assert.Throws<BundleFormatException>(() => ModelBundle.Load(_bundle));

        Assert.Equal($"{_bundle}: {message}", error.Message);
    }

    [Fact]
    public void A_manifest_that_is_not_an_object_should_be_one_clear_line()
    {
        BundleRewriter.RewriteManifest(_bundle, _ => "[1, 2, 3]");

        var error = Assert.Throws<BundleFormatException>(() => ModelBundle.Load(_bundle));

        Assert.Equal($"{_bundle}: the model bundle's manifest is invalid (not a JSON object); retrain it", error.Message);
    }

    [Fact]
    public void A_bundle_from_a_future_version_should_stop_the_cli_with_one_line_and_exit_1()
    {
        BundleRewriter.RewriteManifest(_bundle, json => json.Replace("\"formatVersion\": 1,", "\"formatVersion\": 2,", StringComparison.Ordinal));

        var result = CliProcess.Run(["predict", "--model", _bundle, "a fine film"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"sentiment: error: {_bundle}: the model bundle has format version 2, newer than this build reads (1); upgrade imdb-sentiment", result.Stderr.Trim());
        Assert.Empty(result.Stdout);
    }
}
