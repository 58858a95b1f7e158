using ImdbSentiment.Models;

namespace ImdbSentiment.Tests.Models;

public sealed class LogCountRatiosTests
{
    [Fact]
    public void Should_match_the_ratios_computed_by_hand()
    {
        // p = 1 + [2, 0, 1] = [3, 1, 2] (sum 6); q = 1 + [0, 2, 1] = [1, 3, 2] (sum 6)
        var ratios = LogCountRatios.Compute([2, 0, 1], [0, 2, 1]);

        Assert.Equal([Math.Log(3), Math.Log(1.0 / 3), 0.0], ratios.Select(r => (double)r), new Tolerance(1e-6));
    }

    [Fact]
    public void Should_normalise_each_side_by_its_total()
    {
        // p = [4, 2] (sum 6), q = [1, 1] (sum 2): r = log((4/6) / (1/2)), log((2/6) / (1/2))
        var ratios = LogCountRatios.Compute([3, 1], [0, 0]);

        Assert.Equal([Math.Log(4.0 / 3), Math.Log(2.0 / 3)], ratios.Select(r => (double)r), new Tolerance(1e-6));
    }

    [Fact]
    public void Smoothing_should_pull_rare_features_towards_zero()
    {
        var weak = LogCountRatios.Compute([1, 100], [0, 100], alpha: 10);
        var strong = LogCountRatios.Compute([1, 100], [0, 100], alpha: 0.1);

        Assert.True(Math.Abs(weak[0]) < Math.Abs(strong[0]), $"{weak[0]} vs {strong[0]}");
    }

    [Fact]
    public void Bad_counts_should_be_refused()
    {
        Assert.Throws<ArgumentException>(() => LogCountRatios.Compute([1, 2], [1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => LogCountRatios.Compute([-1], [1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => LogCountRatios.Compute([1], [1], alpha: 0));
    }

    private sealed class Tolerance(double limit) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= limit;

        public int GetHashCode(double obj) => 0;
    }
}
