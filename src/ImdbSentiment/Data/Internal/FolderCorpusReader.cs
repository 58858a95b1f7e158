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
            var relativeFolder = prefix + CorpusLayout.Folder(split, label);
            var folder = Path.Combine(root, CorpusLayout.SplitFolder(split), CorpusLayout.LabelFolder(label));
            collector.MarkFolder(split, label);
            try
            {
                foreach (var filePath in Directory.EnumerateFiles(folder, "*.txt"))
                {
                    ct.ThrowIfCancellationRequested();
                    var name = Path.GetFileName(filePath);
                    if (CorpusLayout.TryParseFileName(name, out var file))
                    {
                        collector.Add(split, label, file, ReadFile(filePath), $"{relativeFolder}/{name}");
                    }
                }
            }
            catch (IOException e)
            {
                throw CorpusException.Unreadable(folder, e);
            }
            catch (UnauthorizedAccessException e)
            {
                throw CorpusException.Unreadable(folder, e);
            }
        }

        return collector.Build();
    }

    private static byte[] ReadFile(string filePath)
    {
        try
        {
            return File.ReadAllBytes(filePath);
        }
        catch (IOException e)
        {
            throw CorpusException.Unreadable(filePath, e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw CorpusException.Unreadable(filePath, e);
        }
    }
}
