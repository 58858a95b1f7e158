namespace ImdbSentiment.Pipeline;

/// <summary>Tokens per review over a set of reviews.</summary>
/// <param name="Reviews">Reviews counted.</param>
/// <param name="TotalTokens">All tokens.</param>
/// <param name="Mean">Mean tokens per review.</param>
/// <param name="Median">Median tokens per review.</param>
/// <param name="Max">The longest review's token count.</param>
public sealed record TokenStatistics(int Reviews, long TotalTokens, double Mean, double Median, int Max)
{
    /// <summary>Statistics of the given lengths.</summary>
    /// <param name="lengths">Tokens per review.</param>
    public static TokenStatistics Of(IReadOnlyCollection<int> lengths)
    {
        ArgumentNullException.ThrowIfNull(lengths);
        if (lengths.Count == 0)
        {
            return new TokenStatistics(0, 0, 0, 0, 0);
        }

        var sorted = lengths.Order().ToArray();
        var total = sorted.Sum(l => (long)l);
        var median = sorted.Length % 2 == 1
            ? sorted[sorted.Length / 2]
            : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2.0;
        return new TokenStatistics(sorted.Length, total, (double)total / sorted.Length, median, sorted[^1]);
    }
}
