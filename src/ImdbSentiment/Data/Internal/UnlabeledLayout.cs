namespace ImdbSentiment.Data.Internal;

/// <summary>Where the unlabeled reviews lie: <c>aclImdb/train/unsup/&lt;digits&gt;_&lt;digits&gt;.txt</c>.</summary>
internal static class UnlabeledLayout
{
    public const string Folder = CorpusLayout.Root + "/train/unsup";

    /// <summary>Whether a tar entry lies in the folder (or is it); a review also needs <see cref="CorpusLayout.TryParseFileName"/>.</summary>
    public static bool TryParseEntryName(string entryName, out bool inFolder, out ReviewFileName file)
    {
        file = default;
        var name = entryName.AsSpan();
        if (name.StartsWith("./", StringComparison.Ordinal))
        {
            name = name[2..];
        }

        name = name.TrimEnd('/');
        inFolder = name.StartsWith(Folder, StringComparison.Ordinal) && (name.Length == Folder.Length || name[Folder.Length] == '/');
        return inFolder && name.Length > Folder.Length && CorpusLayout.TryParseFileName(name[(Folder.Length + 1)..], out file);
    }
}
