using ImdbSentiment.Randomness;
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

    /// <summary>Writes the archive with <paramref name="perLabel"/> reviews per split and label; returns its path.</summary>
    public static string Write(string folder, int perLabel = 60, ulong seed = 5)
    {
        var random = new DeterministicRandom(seed);
        var corpus = new SyntheticCorpus().Directory("aclImdb/");
        foreach (var split in new[] { "train", "test" })
        {
            foreach (var label in new[] { "neg", "pos" })
            {
                corpus.Directory($"aclImdb/{split}/{label}/");
                for (var id = 0; id < perLabel; id++)
                {
                    var rating = label == "pos" ? 7 + random.NextInt(4) : 1 + random.NextInt(4);
                    corpus.File($"aclImdb/{split}/{label}/{id}_{rating}.txt", Review(random, label == "pos"));
                }
            }
        }

        return corpus.WriteTarGz(Path.Combine(folder, "tiny-aclImdb.tar.gz"));
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
