
namespace ImdbSentiment.Data;

/// <summary>A training set and a validation set carved from one list of reviews (normally the corpus's training split).</summary>
/// <param name="Train">The reviews to train on.</param>
/// <param name="Validation">The held-out reviews to select the model with.</param>
public sealed record DatasetSplit(IReadOnlyList<Review> Train, IReadOnlyList<Review> Validation)
{
    /// <summary>The label counts of <see cref="Train"/>.</summary>
    public ClassBalance TrainBalance => ClassBalance.Of(Train);

    /// <summary>The label counts of <see cref="Validation"/>.</summary>
    public ClassBalance ValidationBalance => ClassBalance.Of(Validation);

    /// <summary>
    /// Shuffles a copy of <paramref name="reviews"/> with <c>DeterministicRandom.Derive(seed, "split")</c> and
    /// takes the first <c>round(n × trainFraction)</c> (midpoints away from zero) for training and the rest for
    /// validation, as the tutorial's random 70/30 split does (17,500 / 7,500 on the corpus's training split). The
    /// split is not stratified; see <see cref="TrainBalance"/> and <see cref="ValidationBalance"/>. The same
    /// input and seed give the same split on every run and platform.
    /// </summary>
    /// <param name="reviews">The reviews to split; left unchanged.</param>
    /// <param name="trainFraction">The share for training, strictly between 0 and 1.</param>
    /// <param name="seed">The run's seed.</param>
    public static DatasetSplit Create(IReadOnlyList<Review> reviews, double trainFraction = 0.7, ulong seed = 1234)
    {
        ArgumentNullException.ThrowIfNull(reviews);
        if (!(trainFraction > 0 && trainFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(trainFraction), trainFraction, "must be > 0 and < 1");
        }

        var shuffled = reviews.ToArray();
        DeterministicRandom.Derive(seed, "split").Shuffle(shuffled.AsSpan());
        var trainCount = (int)Math.Round(shuffled.Length * trainFraction, MidpointRounding.AwayFromZero);
        return new DatasetSplit(Array.AsReadOnly(shuffled[..trainCount]), Array.AsReadOnly(shuffled[trainCount..]));
    }
}
