using ImdbSentiment.Data.Internal;

namespace ImdbSentiment.Data;

/// <summary>
/// The corpus's 50,000 unlabeled reviews (<c>aclImdb/train/unsup</c>), for pretraining. The official archive holds
/// them with their HTML markup; the copy on the project's machines (<c>aclImdb_v1_unsup.tar.gz</c>) holds them with
/// the markup stripped. Both read the same way: texts are returned as stored (see <see cref="Text.HtmlMarkup"/> to compare
/// or normalise them).
/// </summary>
public static class UnlabeledCorpus
{
    /// <summary>
    /// Loads the unlabeled reviews from a <c>.tar.gz</c> (streamed, nothing extracted) or from a folder that contains
    /// <c>aclImdb/</c> or is <c>aclImdb/</c>, ordered by numeric id.
    /// </summary>
    /// <param name="path">The archive or folder.</param>
    /// <param name="ct">Cancels the load.</param>
    /// <exception cref="CorpusException">
    /// The path does not exist, the archive is truncated or corrupt, it has no <c>train/unsup</c> folder, a review is
    /// not UTF-8, or two reviews share an id.
    /// </exception>
    public static IReadOnlyList<UnlabeledReview> Load(string path, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = Path.GetFullPath(path);
        var reviews = new List<(long NumericId, UnlabeledReview Review)>(50_000);
        var ids = new HashSet<long>(50_000);
        var folderSeen = false;
        void Add(ReviewFileName file, ReadOnlySpan<byte> content, string entry)
        {
            if (!ids.Add(file.NumericId))
            {
                throw CorpusException.DuplicateUnlabeledId(fullPath, entry, file.Id);
            }

            reviews.Add((file.NumericId, new UnlabeledReview(file.Id, ReviewText.Decode(content, fullPath, entry))));
        }

        if (Directory.Exists(fullPath))
        {
            var nested = Path.Combine(fullPath, CorpusLayout.Root);
            var root = Directory.Exists(nested) ? nested : fullPath;
            var folder = Path.Combine(root, "train", "unsup");
            folderSeen = Directory.Exists(folder);
            if (folderSeen)
            {
                ReviewFolder.Read(folder, UnlabeledLayout.Folder, Add, ct);
            }
        }
        else if (File.Exists(fullPath))
        {
            TarGzFiles.Read(
                fullPath,
                (name, isFile) =>
                {
                    var isReview = UnlabeledLayout.TryParseEntryName(name, out var inFolder, out _);
                    folderSeen |= inFolder;
                    return isReview && isFile;
                },
                (name, content) =>
                {
                    UnlabeledLayout.TryParseEntryName(name, out _, out var file);
                    Add(file, content, name);
                },
                ct);
        }
        else
        {
            throw CorpusException.NotFound(fullPath, "the path given");
        }

        if (!folderSeen)
        {
            throw CorpusException.NoUnlabeledReviews(fullPath);
        }

        reviews.Sort(static (a, b) => a.NumericId.CompareTo(b.NumericId));
        return Array.AsReadOnly(reviews.Select(r => r.Review).ToArray());
    }
}
