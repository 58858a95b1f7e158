using ImdbSentiment.Batching;

namespace ImdbSentiment.Tests.Batching;

public sealed class BucketSamplerTests
{
    private static readonly int[] Lengths = Enumerable.Range(0, 1_000).Select(i => 1 + ((i * 7919) % 500)).ToArray();

    [Fact]
    public void Every_example_should_appear_exactly_once_per_epoch()
    {
        var sampler = new BucketSampler(Lengths, batchSize: 64, seed: 1234, poolFactor: 4);

        var batches = sampler.Batches(epoch: 1);

        Assert.Equal(Enumerable.Range(0, Lengths.Length), batches.SelectMany(b => b).Order());
        Assert.Equal(16, sampler.BatchCount);
        Assert.Equal(16, batches.Count);
        Assert.Equal(1_000 - (15 * 64), batches.Count(b => b.Length < 64) == 1 ? batches.Single(b => b.Length < 64).Length : -1);
    }

    [Fact]
    public void Batches_should_be_length_homogeneous_and_longest_first()
    {
        var sampler = new BucketSampler(Lengths, batchSize: 64, seed: 1234, poolFactor: 100);

        foreach (var batch in sampler.Batches(epoch: 1))
        {
            var lengths = batch.Select(i => Lengths[i]).ToArray();
            Assert.Equal(lengths.OrderDescending(), lengths);
        }

        // With one pool (1,000 < 6,400) sorting is global: the spread inside a batch is small.
        var spreads = sampler.Batches(epoch: 1).Select(b => b.Max(i => Lengths[i]) - b.Min(i => Lengths[i]));
        Assert.All(spreads, spread => Assert.True(spread <= 40, $"spread {spread}"));
    }

    [Fact]
    public void Order_should_change_between_epochs_and_repeat_for_the_same_seed()
    {
        var first = new BucketSampler(Lengths, 64, seed: 1234, poolFactor: 4);
        var second = new BucketSampler(Lengths, 64, seed: 1234, poolFactor: 4);

        Assert.Equal(first.Batches(2), second.Batches(2));
        Assert.NotEqual(first.Batches(1), first.Batches(2));
        Assert.NotEqual(first.Batches(1), new BucketSampler(Lengths, 64, seed: 99, poolFactor: 4).Batches(1));
    }

    [Fact]
    public void Sequential_should_cover_everything_longest_first()
    {
        var batches = BucketSampler.Sequential(Lengths, 100);

        Assert.Equal(10, batches.Count);
        var flat = batches.SelectMany(b => b).ToArray();
        Assert.Equal(Enumerable.Range(0, Lengths.Length), flat.Order());
        Assert.Equal(flat.Select(i => Lengths[i]).OrderDescending(), flat.Select(i => Lengths[i]));
    }

    [Fact]
    public void Sequential_should_keep_padded_tokens_under_the_cap()
    {
        int[] lengths = [1000, 10, 990, 20, 30, 500];

        var batches = BucketSampler.Sequential(lengths, batchSize: 4, maxPaddedTokens: 2000);

        Assert.Equal([[0, 2], [5, 4, 3, 1]], batches);
        Assert.All(batches, b => Assert.True(b.Length * lengths[b[0]] <= 2000));
    }
}
