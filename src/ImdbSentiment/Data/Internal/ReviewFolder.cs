namespace ImdbSentiment.Data.Internal;

/// <summary>The review files of one extracted folder: <c>&lt;id&gt;_&lt;rating&gt;.txt</c> directly inside it, nothing deeper.</summary>
internal static class ReviewFolder
{
    /// <summary>One review file's parsed name, content and name relative to the corpus, valid only during the call.</summary>
    public delegate void FileHandler(ReviewFileName file, ReadOnlySpan<byte> content, string entry);

    /// <summary>Hands every review file of <paramref name="folder"/> to <paramref name="onFile"/>; a file or folder that cannot be read is named in a <see cref="CorpusException"/>.</summary>
    /// <param name="folder">The folder on disk.</param>
    /// <param name="relativeFolder">The folder as errors name it, e.g. <c>aclImdb/train/pos</c>.</param>
    /// <param name="onFile">Receives each review file.</param>
    /// <param name="ct">Stops between files.</param>
    public static void Read(string folder, string relativeFolder, FileHandler onFile, CancellationToken ct)
    {
        try
        {
            foreach (var filePath in Directory.EnumerateFiles(folder, "*.txt"))
            {
                ct.ThrowIfCancellationRequested();
                var name = Path.GetFileName(filePath);
                if (CorpusLayout.TryParseFileName(name, out var file))
                {
                    onFile(file, ReadFile(filePath), $"{relativeFolder}/{name}");
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
