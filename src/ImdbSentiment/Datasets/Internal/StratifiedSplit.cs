
namespace ImdbSentiment.Datasets.Internal;

/// <summary>Seeded, stratified carving: each label gives up the same share of its rows, so rare classes appear on both sides.</summary>
internal static class StratifiedSplit
{
    /// <summary>
    /// Takes <c>round(n × fraction)</c> rows of each label (midpoints away from zero) at random under
    /// <paramref name="seed"/> and <paramref name="purpose"/>; both parts keep the input order.
    /// </summary>
    public static (LabeledText[] Kept, LabeledText[] Carved) Carve(IReadOnlyList<LabeledText> rows, double fraction, ulong seed, string purpose)
    {
        var carved = new bool[rows.Count];
        foreach (var group in Enumerable.Range(0, rows.Count).GroupBy(i => rows[i].Label, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var indices = group.ToArray();
            DeterministicRandom.Derive(seed, purpose + "/" + group.Key).Shuffle(indices.AsSpan());
            var take = (int)Math.Round(indices.Length * fraction, MidpointRounding.AwayFromZero);
            foreach (var index in indices[..take])
            {
                carved[index] = true;
            }
        }

        return ([.. rows.Where((_, i) => !carved[i])], [.. rows.Where((_, i) => carved[i])]);
    }

    /// <summary>A seeded subset of at most <paramref name="limit"/> rows (not stratified), in input order.</summary>
    public static IReadOnlyList<LabeledText> Limit(IReadOnlyList<LabeledText> rows, int? limit, ulong seed, string purpose)
    {
        if (limit is not { } n || n >= rows.Count)
        {
            return rows;
        }

        var indices = Enumerable.Range(0, rows.Count).ToArray();
        DeterministicRandom.Derive(seed, purpose).Shuffle(indices.AsSpan());
        return [.. indices[..n].Order().Select(i => rows[i])];
    }
}
