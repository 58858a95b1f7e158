
namespace ImdbSentiment.Tests;

public sealed class DeterministicRandomTests
{
    [Fact]
    public void Should_match_the_published_splitmix64_and_xoshiro256starstar_outputs()
    {
        // Reference values computed with the authors' C code (xoshiro256starstar.c, splitmix64.c), seed 0.
        var random = new DeterministicRandom(0);

        Assert.Equal(0x99EC5F36CB75F2B4UL, random.NextUInt64());
        Assert.Equal(0xBF6E1F784956452AUL, random.NextUInt64());
        Assert.Equal(0x1A5F849D4933E6E0UL, random.NextUInt64());
    }

    [Fact]
    public void Should_give_the_same_stream_for_the_same_derivation_and_different_ones_otherwise()
    {
        var a = DeterministicRandom.Derive(1234, "shuffle", 3).NextUInt64();

        Assert.Equal(a, DeterministicRandom.Derive(1234, "shuffle", 3).NextUInt64());
        Assert.NotEqual(a, DeterministicRandom.Derive(1234, "shuffle", 4).NextUInt64());
        Assert.NotEqual(a, DeterministicRandom.Derive(1234, "split", 3).NextUInt64());
        Assert.NotEqual(a, DeterministicRandom.Derive(1235, "shuffle", 3).NextUInt64());
    }

    [Fact]
    public void Shuffle_should_be_a_permutation_and_roughly_uniform()
    {
        var random = new DeterministicRandom(42);
        var firstPositionCounts = new int[4];
        for (var trial = 0; trial < 40_000; trial++)
        {
            var items = new List<int> { 0, 1, 2, 3 };
            random.Shuffle(items);
            Assert.Equal([0, 1, 2, 3], items.Order());
            firstPositionCounts[items[0]]++;
        }

        Assert.All(firstPositionCounts, count => Assert.InRange(count, 9_500, 10_500));
    }

    [Fact]
    public void State_should_round_trip()
    {
        var random = new DeterministicRandom(5);
        random.NextUInt64();
        var restored = DeterministicRandom.FromState(random.GetState());

        Assert.Equal(random.NextUInt64(), restored.NextUInt64());
    }

    [Fact]
    public void NextInt_should_stay_in_range()
    {
        var random = new DeterministicRandom(9);
        for (var i = 0; i < 10_000; i++)
        {
            Assert.InRange(random.NextInt(7), 0, 6);
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => random.NextInt(0));
    }
}
