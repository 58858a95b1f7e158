namespace ImdbSentiment.Data.Internal;

/// <summary>Reads the corpus from an extracted folder: one that contains <c>aclImdb/</c>, or <c>aclImdb/</c> itself.</summary>
internal static class FolderCorpusReader
{
    public static ImdbCorpus Read(string path, CancellationToken ct)
    {
        var nested = Path.Combine(path, CorpusLayout.Root);
        var (root, prefix) = Directory.Exists(nested) ? (nested, CorpusLayout.Root + "/") : (path, string.Empty);
        foreach (var (split, label) in CorpusLayout.Buckets)
        {
            if (!Directory.Exists(Path.Combine(root, CorpusLayout.SplitFolder(split), CorpusLayout.LabelFolder(label))))
            {
                throw CorpusException.MissingFolder(path, prefix + CorpusLayout.Folder(split, label));
            }
        }

        var collector = new ReviewCollector(path, prefix);
        foreach (var (split, label) in CorpusLayout.Buckets)
        {
            collector.MarkFolder(split, label);
            ReviewFolder.Read(
                Path.Combine(root, CorpusLayout.SplitFolder(split), CorpusLayout.LabelFolder(label)),
                prefix + CorpusLayout.Folder(split, label),
                (file, content, entry) => collector.Add(split, label, file, content, entry),
                ct);
        }

        return collector.Build();
    }
}
