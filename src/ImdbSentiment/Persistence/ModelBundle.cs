using System.IO.Compression;
using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using ImdbSentiment.Runtime;
using ImdbSentiment.Vocabulary;
using static TorchSharp.torch;

namespace ImdbSentiment.Persistence;

/// <summary>
/// Reads and writes model bundles: a ZIP container holding <c>manifest.json</c> (format version, architecture,
/// training options, tokenizer, metrics, and the SHA-256 of every other entry), <c>vocab.json</c>,
/// <c>weights.bin</c> (TorchSharp's state-dict format), and in checkpoints <c>optimizer.bin</c> and <c>rng.bin</c>.
/// Writing is atomic; reading accepts only these entries, each within a bounded size, verifies every checksum, never
/// extracts anything to disk, and never deserialises anything but our own JSON DTOs and tensors.
/// </summary>
public static class ModelBundle
{
    /// <summary>The format version this build writes and reads.</summary>
    public const int FormatVersion = 1;

    private const string ManifestEntry = "manifest.json";
    private const string VocabularyEntry = "vocab.json";
    private const string WeightsEntry = "weights.bin";
    private const string OptimizerEntry = "optimizer.bin";
    private const string RngEntry = "rng.bin";

    /// <summary>The most an entry may declare; the largest preset's optimizer state on the full corpus is well below.</summary>
    internal const long MaxEntryBytes = 1L << 30;

    private static readonly string[] KnownEntries = [ManifestEntry, VocabularyEntry, WeightsEntry, OptimizerEntry, RngEntry];

    /// <summary>"imdb-sentiment X.Y.Z", recorded in bundles.</summary>
    public static string CreatedBy =>
        $"imdb-sentiment {typeof(ModelBundle).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]}";

    /// <summary>Writes a bundle atomically. Entry checksums in <paramref name="manifest"/> are filled in here.</summary>
    /// <param name="path">The file to write.</param>
    /// <param name="manifest">The manifest (its Entries are replaced).</param>
    /// <param name="vocabulary">The vocabulary.</param>
    /// <param name="model">The model whose weights to store.</param>
    /// <param name="optimizer">Adam's state, for checkpoints.</param>
    /// <param name="torchRngState">torch's generator state, for checkpoints.</param>
    /// <param name="packTightly">
    /// How the weights are compressed: tightly (about a sixth smaller, twice the time) or fast; null packs a model
    /// tightly and a checkpoint (a bundle with optimizer state) fast.
    /// </param>
    public static void Save(string path, BundleManifest manifest, TokenVocabulary vocabulary, nn.Module model,
        byte[]? optimizer = null, byte[]? torchRngState = null, bool? packTightly = null)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentNullException.ThrowIfNull(model);
        var entries = new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            [VocabularyEntry] = vocabulary.ToJson(),
            [WeightsEntry] = Serialize(model),
        };
        if (optimizer is not null)
        {
            entries[OptimizerEntry] = optimizer;
        }

        if (torchRngState is not null)
        {
            entries[RngEntry] = torchRngState;
        }

        var sealedManifest = manifest with
        {
            FormatVersion = FormatVersion,
            VocabularySize = vocabulary.Count,
            Entries = entries.ToDictionary(e => e.Key, e => Convert.ToHexStringLower(SHA256.HashData(e.Value)), StringComparer.Ordinal),
        };
        var manifestJson = JsonSerializer.SerializeToUtf8Bytes(sealedManifest, BundleJson.Default.BundleManifest);
        // A finished model is written once and shipped: packed tightly. A checkpoint is written every few minutes and
        // read back only to resume: packed fast.
        var tensors = packTightly ?? optimizer is null ? CompressionLevel.Optimal : CompressionLevel.Fastest;
        AtomicFile.Write(path, stream =>
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
            AddEntry(zip, ManifestEntry, manifestJson, CompressionLevel.Optimal);
            foreach (var (name, bytes) in entries)
            {
                AddEntry(zip, name, bytes, name == VocabularyEntry ? CompressionLevel.Optimal : tensors);
            }
        });
    }

    /// <summary>Reads and verifies a bundle.</summary>
    /// <param name="path">The bundle file.</param>
    /// <exception cref="BundleFormatException">Missing, truncated, corrupt, of another format version, inconsistent, or holding entries we do not write.</exception>
    public static LoadedBundle Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        NativeRuntime.EnsureLoaded();
        if (!File.Exists(path))
        {
            throw BundleFormatException.NotFound(path);
        }

        Dictionary<string, byte[]> entries;
        try
        {
            using var zip = ZipFile.OpenRead(path);
            entries = ReadEntries(path, zip);
        }
        catch (Exception ex) when (ex is InvalidDataException or ArgumentException or NotSupportedException or EndOfStreamException)
        {
            throw BundleFormatException.Truncated(path, ex);
        }

        var manifest = ReadManifest(path, entries);
        foreach (var name in new[] { VocabularyEntry, WeightsEntry })
        {
            if (!manifest.Entries.ContainsKey(name))
            {
                throw BundleFormatException.MissingEntry(path, name);
            }
        }

        foreach (var (name, expected) in manifest.Entries)
        {
            if (!entries.TryGetValue(name, out var bytes))
            {
                throw BundleFormatException.MissingEntry(path, name);
            }

            if (!string.Equals(Convert.ToHexStringLower(SHA256.HashData(bytes)), expected, StringComparison.Ordinal))
            {
                throw BundleFormatException.Corrupt(path, name);
            }
        }

        var vocabulary = TokenVocabulary.FromJson(entries[VocabularyEntry], $"{path}!{VocabularyEntry}");
        if (vocabulary.Count != manifest.VocabularySize || vocabulary.Count != manifest.Model.VocabularySize)
        {
            throw BundleFormatException.VocabularyMismatch(path, vocabulary.Count, manifest.Model.VocabularySize);
        }

        return new LoadedBundle(path, manifest, vocabulary, entries[WeightsEntry],
            entries.GetValueOrDefault(OptimizerEntry), entries.GetValueOrDefault(RngEntry));
    }

    private static BundleManifest ReadManifest(string path, Dictionary<string, byte[]> entries)
    {
        if (!entries.TryGetValue(ManifestEntry, out var json))
        {
            throw BundleFormatException.MissingEntry(path, ManifestEntry);
        }

        long? version;
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw BundleFormatException.InvalidManifest(path, "not a JSON object");
            }

            version = root.TryGetProperty("formatVersion", out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var parsed) ? parsed : null;
        }
        catch (JsonException ex)
        {
            throw BundleFormatException.InvalidManifest(path, "not JSON", ex);
        }

        if (version is null)
        {
            throw BundleFormatException.InvalidManifest(path, "formatVersion is missing or not a whole number");
        }

        if (version != FormatVersion)
        {
            throw BundleFormatException.UnsupportedVersion(path, version.Value, FormatVersion);
        }

        try
        {
            var manifest = JsonSerializer.Deserialize(json, BundleJson.Default.BundleManifest)
                ?? throw BundleFormatException.InvalidManifest(path, "empty");
            manifest.Model.Validate();
            manifest.Training.Validate();
            return manifest;
        }
        catch (JsonException ex)
        {
            throw BundleFormatException.InvalidManifest(path, ex.Message.Split(". ", 2)[0], ex);
        }
        catch (ArgumentException ex)
        {
            throw BundleFormatException.InvalidManifest(path, ex.Message.Split(" (Parameter", 2)[0], ex);
        }
    }

    private static byte[] Serialize(nn.Module model)
    {
        using var buffer = new MemoryStream();
        model.save(buffer);
        return buffer.ToArray();
    }

    private static void AddEntry(ZipArchive zip, string name, byte[] bytes, CompressionLevel level)
    {
        var entry = zip.CreateEntry(name, level);
        entry.LastWriteTime = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using var stream = entry.Open();
        stream.Write(bytes);
    }

    // Only our own entry names are read, each at most its declared size, which is bounded: a hostile archive can
    // neither smuggle in content nor make loading allocate without limit. Nothing is ever extracted to disk.
    private static Dictionary<string, byte[]> ReadEntries(string path, ZipArchive zip)
    {
        var entries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var entry in zip.Entries)
        {
            if (!KnownEntries.Contains(entry.FullName, StringComparer.Ordinal))
            {
                throw BundleFormatException.UnexpectedEntry(path, entry.FullName);
            }

            if (entries.ContainsKey(entry.FullName))
            {
                throw BundleFormatException.DuplicateEntry(path, entry.FullName);
            }

            if (entry.Length > MaxEntryBytes)
            {
                throw BundleFormatException.EntryTooLarge(path, entry.FullName, entry.Length, MaxEntryBytes);
            }

            entries[entry.FullName] = ReadEntry(entry);
        }

        return entries;
    }

    private static byte[] ReadEntry(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var buffer = new MemoryStream((int)Math.Min(entry.Length, 1 << 20));
        var chunk = new byte[1 << 16];
        int read;
        while ((read = stream.Read(chunk)) > 0)
        {
            if (buffer.Length + read > entry.Length)
            {
                throw new InvalidDataException($"{entry.FullName} holds more than its declared {entry.Length} bytes");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
