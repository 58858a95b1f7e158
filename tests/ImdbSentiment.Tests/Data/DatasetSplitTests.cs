using ImdbSentiment.Data;

namespace ImdbSentiment.Tests.Data;

public sealed class DatasetSplitTests
{
    private static readonly Review[] Reviews = Enumerable.Range(0, 1000)
        .Select(i => new Review(i.ToString(System.Globalization.CultureInfo.InvariantCulture), Split.Train, i % 2 == 0 ? Sentiment.Negative : Sentiment.Positive, i % 2 == 0 ? 2 : 9, $"text {i}"))
        .ToArray();

    [Fact]
    public void Should_take_seventy_percent_for_training()
    {
        var split = DatasetSplit.Create(Reviews);

        Assert.Equal(700, split.Train.Count);
        Assert.Equal(300, split.Validation.Count);
    }

    [Fact]
    public void Should_give_17500_and_7500_for_the_25000_training_reviews()
    {
        var reviews = Enumerable.Range(0, 25_000).Select(i => Reviews[i % Reviews.Length] with { Id = i.ToString(System.Globalization.CultureInfo.InvariantCulture) }).ToArray();

        var split = DatasetSplit.Create(reviews);

        Assert.Equal((17_500, 7_500), (split.Train.Count, split.Validation.Count));
    }

    [Fact]
    public void Should_partition_the_input_without_changing_it()
    {
        var input = Reviews.ToArray();

        var split = DatasetSplit.Create(input);

        Assert.Empty(split.Train.Intersect(split.Validation, ReferenceEqualityComparer.Instance));
        Assert.Equal(
            Reviews.Select(review => review.Id).Order(StringComparer.Ordinal),
            split.Train.Concat(split.Validation).Select(review => review.Id).Order(StringComparer.Ordinal));
        Assert.Equal(Reviews, input);
        Assert.NotEqual(Reviews.Take(700), split.Train); // shuffled, not a prefix
    }

    [Fact]
    public void Should_be_identical_for_the_same_seed_and_differ_for_another()
    {
        var first = DatasetSplit.Create(Reviews, seed: 1234);
        var second = DatasetSplit.Create(Reviews, seed: 1234);
        var other = DatasetSplit.Create(Reviews, seed: 1235);

        Assert.Equal(first.Train, second.Train);
        Assert.Equal(first.Validation, second.Validation);
        Assert.NotEqual(first.Train, other.Train);
    }

    [Fact]
    public void Should_report_the_class_balance_of_each_part()
    {
        var split = DatasetSplit.Create(Reviews, trainFraction: 0.8);

        Assert.Equal(800, split.TrainBalance.Total);
        Assert.Equal(split.Train.Count(review => review.Label == Sentiment.Positive), split.TrainBalance.Positive);
        Assert.Equal(500, split.TrainBalance.Positive + split.ValidationBalance.Positive);
        Assert.Equal(500, split.TrainBalance.Negative + split.ValidationBalance.Negative);
        Assert.InRange(split.TrainBalance.PositiveFraction, 0.45, 0.55);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.5)]
    [InlineData(double.NaN)]
    public void Should_reject_a_fraction_outside_zero_to_one(double fraction)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => DatasetSplit.Create(Reviews, fraction));

        Assert.Equal("trainFraction", error.ParamName);
    }
}
