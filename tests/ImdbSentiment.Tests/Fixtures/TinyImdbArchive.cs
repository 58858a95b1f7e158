using ImdbSentiment.Tests.Data;

namespace ImdbSentiment.Tests.Fixtures;

/// <summary>
/// A small corpus in the aclImdb layout with a learnable signal: positive reviews use words from one list, negative
/// reviews from another, mixed into neutral filler. Written by the tests; no IMDb text is involved.
/// </summary>
public static class TinyImdbArchive
{
    private static readonly string[] Positive = ["great", "wonderful", "superb", "loved", "brilliant", "moving"];
    private static readonly string[] Negative = ["awful", "boring", "terrible", "hated", "dull", "waste"];
    private static readonly string[] Filler =
        ["the", "film", "movie", "plot", "actor", "scene", "was", "and", "a", "it", "story", "ending", "music", "camera", "really"];

    /// <summary>
    /// Writes the archive with <paramref name="perLabel"/> reviews per split and label; returns its path. With
    /// <paramref name="unlabeled"/> &gt; 0 it also holds <c>train/unsup</c>, as the official archive does: that many
    /// reviews, the first of them the first test review's text without markup (as the stripped copy repeats some).
    /// </summary>
    public static string Write(string folder, int perLabel = 60, ulong seed = 5, int unlabeled = 0)
    {
        var random = new DeterministicRandom(seed);
        var corpus = new SyntheticCorpus().Directory("aclImdb/");
        string? firstTest = null;
        foreach (var split in new[] { "train", "test" })
        {
            foreach (var label in new[] { "neg", "pos" })
            {
                corpus.Directory($"aclImdb/{split}/{label}/");
                for (var id = 0; id < perLabel; id++)
                {
                    var rating = label == "pos" ? 7 + random.NextInt(4) : 1 + random.NextInt(4);
                    var text = Review(random, label == "pos");
                    firstTest ??= split == "test" ? text : null;
                    corpus.File($"aclImdb/{split}/{label}/{id}_{rating}.txt", text);
                }
            }
        }

        if (unlabeled > 0)
        {
            corpus.Directory("aclImdb/train/unsup/").File("aclImdb/train/unsup/0_0.txt", ImdbSentiment.Text.HtmlMarkup.Strip(firstTest!));
            for (var id = 1; id < unlabeled; id++)
            {
                corpus.File($"aclImdb/train/unsup/{id}_0.txt", Review(random, random.NextInt(2) == 0));
            }
        }

        return corpus.WriteTarGz(Path.Combine(folder, unlabeled > 0 ? "tiny-aclImdb-unsup.tar.gz" : "tiny-aclImdb.tar.gz"));
    }

    private static string Review(DeterministicRandom random, bool positive)
    {
        var words = new List<string>();
        var length = 8 + random.NextInt(16);
        for (var i = 0; i < length; i++)
        {
            words.Add(random.NextInt(4) == 0
                ? (positive ? Positive : Negative)[random.NextInt(6)]
                : Filler[random.NextInt(Filler.Length)]);
        }

        return string.Join(' ', words) + (positive ? "!" : ".") + "<br /><br />" + (positive ? "Great." : "Awful.");
    }
}
