using System.Globalization;

namespace ImdbSentiment.Persistence;

/// <summary>A model bundle or checkpoint that cannot be loaded.</summary>
public sealed class BundleFormatException : ImdbSentimentException
{
    private BundleFormatException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }

    internal static BundleFormatException NotFound(string path) =>
        new($"{path}: no such model bundle; train one with 'sentiment train' or pass --model PATH");

    internal static BundleFormatException Truncated(string path, Exception? inner = null) =>
        new($"{path}: the model bundle is truncated or not a bundle; copy it again or retrain", inner);

    internal static BundleFormatException Corrupt(string path, string entry, Exception? inner = null) =>
        new($"{path}: the model bundle is corrupt ({entry} fails its checksum); copy it again or retrain", inner);

    internal static BundleFormatException MissingEntry(string path, string entry) =>
        new($"{path}: the model bundle lacks {entry}; it was not written by imdb-sentiment or is damaged");

    internal static BundleFormatException UnexpectedEntry(string path, string entry) =>
        new($"{path}: the model bundle holds an unexpected entry '{Printable(entry)}'; it was not written by imdb-sentiment or was altered");

    internal static BundleFormatException DuplicateEntry(string path, string entry) =>
        new($"{path}: the model bundle holds {entry} twice; it was not written by imdb-sentiment or was altered");

    internal static BundleFormatException EntryTooLarge(string path, string entry, long declared, long limit) =>
        new(string.Create(CultureInfo.InvariantCulture,
            $"{path}: the model bundle's {entry} declares {declared:N0} bytes, more than an entry may hold ({limit:N0}); it is damaged or hostile"));

    internal static BundleFormatException UnsupportedVersion(string path, long version, int supported) => version > supported
        ? new($"{path}: the model bundle has format version {version}, newer than this build reads ({supported}); upgrade imdb-sentiment")
        : new($"{path}: the model bundle has format version {version}, which this build does not read (expected {supported}); retrain it");

    internal static BundleFormatException InvalidManifest(string path, string reason, Exception? inner = null) =>
        new($"{path}: the model bundle's manifest is invalid ({reason}); retrain it", inner);

    internal static BundleFormatException VocabularyMismatch(string path, int vocabulary, long embeddingRows) =>
        new($"{path}: the vocabulary has {vocabulary} entries but the weights expect {embeddingRows}; the bundle mixes files from different models");

    internal static BundleFormatException WeightsMismatch(string path, string reason, Exception? inner = null) =>
        new($"{path}: the weights do not fit the stored architecture ({reason}); the bundle mixes files from different models", inner);

    internal static BundleFormatException NotAClassifier(string path) =>
        new($"{path} holds a language model (from `sentiment pretrain`), which scores no sentiment; start a classifier from it with `sentiment train --from {path}`");

    internal static BundleFormatException NoResumeState(string path) =>
        new($"{path}: this bundle holds no training state to resume from; pass the run folder's checkpoint");

    // An entry name comes from the file: keep the message on one line and of sane length.
    private static string Printable(string name)
    {
        var printable = string.Concat(name.Select(c => char.IsControl(c) ? '?' : c));
        return printable.Length <= 80 ? printable : printable[..80] + "…";
    }
}
