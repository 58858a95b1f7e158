namespace ImdbSentiment.Datasets;

/// <summary>How a dataset file is split when no validation or test file is given.</summary>
/// <param name="Seed">Seeds the split (and the subset taken by <paramref name="Limit"/>).</param>
/// <param name="ValidationFraction">The share of the training file held out for validation when no validation file is given.</param>
/// <param name="TestFraction">The share of the training file held out for testing when no test file is given.</param>
/// <param name="Limit">Use at most this many rows of the training file and of the test file (a seeded subset), for quick runs.</param>
public sealed record DatasetSplitOptions(ulong Seed = 1234, double ValidationFraction = 0.15, double TestFraction = 0.15, int? Limit = null)
{
    /// <summary>Throws when an option is out of range.</summary>
    public void Validate()
    {
        if (!(ValidationFraction > 0 && TestFraction > 0 && ValidationFraction + TestFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(ValidationFraction), "the validation and test fractions must be > 0 and sum to < 1");
        }

        if (Limit is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Limit), Limit, "must be ≥ 1");
        }
    }
}
