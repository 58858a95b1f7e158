namespace ImdbSentiment.Data.Internal;

/// <summary>
/// Reads the corpus straight out of a <c>.tar.gz</c> in one streaming pass; nothing is extracted or written.
/// </summary>
internal static class TarGzCorpusReader
{
    public static ImdbCorpus Read(string path, CancellationToken ct)
    {
        var collector = new ReviewCollector(path, CorpusLayout.Root + "/");
        TarGzFiles.Read(
            path,
            (name, isFile) =>
            {
                if (!CorpusLayout.TryParseEntryName(name, out var split, out var label, out _, out var isReview))
                {
                    return false;
                }

                collector.MarkFolder(split, label);
                return isReview && isFile; // directories, symbolic and hard links: never followed
            },
            (name, content) =>
            {
                CorpusLayout.TryParseEntryName(name, out var split, out var label, out var file, out _);
                collector.Add(split, label, file, content, name);
            },
            ct);
        return collector.Build();
    }
}
