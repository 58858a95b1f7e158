using System.Text;

namespace ImdbSentiment.Datasets.Internal;

/// <summary>
/// A folder per class: <c>DIR/&lt;label&gt;/*.txt</c>, the aclImdb layout with any label names. Subfolders are
/// read in ordinal order of their names and files in ordinal order within each, so every run reads the same rows.
/// </summary>
internal static class FolderRows
{
    public static IEnumerable<RawRow> Read(string path, CancellationToken cancellationToken)
    {
        var labels = ClassFolders(path);
        foreach (var folder in labels)
        {
            var label = Path.GetFileName(folder);
            var files = Directory.EnumerateFiles(folder, "*.txt").Order(StringComparer.Ordinal).ToArray();
            foreach (var file in files)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var location = $"{label}/{Path.GetFileName(file)}";
                yield return ReadFile(file, label, location);
            }
        }
    }

    private static string[] ClassFolders(string path)
    {
        try
        {
            var folders = Directory.GetDirectories(path).Order(StringComparer.Ordinal).ToArray();
            return folders.Length > 0 ? folders : throw DatasetException.NoClassFolders(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw DatasetException.Unreadable(path, e.Message, e);
        }
    }

    private static RawRow ReadFile(string file, string label, string location)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw DatasetException.Unreadable(file, e.Message, e);
        }

        try
        {
            var start = bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? Encoding.UTF8.Preamble.Length : 0;
            return new RawRow(Utf8Text.Strict.GetString(bytes, start, bytes.Length - start), label, location);
        }
        catch (DecoderFallbackException)
        {
            return new RawRow(null, label, location, DatasetException.NotUtf8(location));
        }
    }
}
