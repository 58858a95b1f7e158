
namespace ImdbSentiment.Batching;

/// <summary>
/// Groups examples of similar length into batches, as torchtext's BucketIterator does: shuffle, cut into pools of
/// <c>batchSize × poolFactor</c>, sort each pool by length (longest first), cut pools into batches, shuffle the batch
/// order. Each epoch has its own order, derived from (seed, epoch), so a resumed run replays it exactly.
/// </summary>
public sealed class BucketSampler
{
    private readonly int[] _lengths;
    private readonly ulong _seed;

    /// <summary>Creates a sampler over examples of the given lengths.</summary>
    /// <param name="lengths">The token count of each example.</param>
    /// <param name="batchSize">Examples per batch (the last batch may be smaller); at least 1.</param>
    /// <param name="seed">The run's seed.</param>
    /// <param name="poolFactor">Pool size in batches; at least 1.</param>
    public BucketSampler(IReadOnlyList<int> lengths, int batchSize, ulong seed, int poolFactor = 100)
    {
        ArgumentNullException.ThrowIfNull(lengths);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(poolFactor, 1);
        _lengths = [.. lengths];
        BatchSize = batchSize;
        PoolFactor = poolFactor;
        _seed = seed;
    }

    /// <summary>Examples per batch.</summary>
    public int BatchSize { get; }

    /// <summary>Pool size in batches.</summary>
    public int PoolFactor { get; }

    /// <summary>The number of batches per epoch (the last one may be partial).</summary>
    public int BatchCount => (_lengths.Length + BatchSize - 1) / BatchSize;

    /// <summary>The batches of one epoch, each an array of example indices, longest example first.</summary>
    /// <param name="epoch">The epoch number, from 1.</param>
    public IReadOnlyList<int[]> Batches(int epoch)
    {
        var order = Enumerable.Range(0, _lengths.Length).ToArray();
        DeterministicRandom.Derive(_seed, "bucket-shuffle", epoch).Shuffle(order.AsSpan());
        var poolSize = BatchSize * PoolFactor;
        var batches = new List<int[]>(BatchCount);
        for (var start = 0; start < order.Length; start += poolSize)
        {
            var pool = order.AsSpan(start, Math.Min(poolSize, order.Length - start)).ToArray();
            SortLongestFirst(pool);
            batches.AddRange(pool.Chunk(BatchSize));
        }

        DeterministicRandom.Derive(_seed, "batch-order", epoch).Shuffle(batches);
        return batches;
    }

    /// <summary>
    /// Batches for evaluation: every example once, sorted by length so padding is minimal, in a fixed order. A batch
    /// holds at most <paramref name="batchSize"/> examples and, if <paramref name="maxPaddedTokens"/> is set, at most
    /// that many padded positions (longest × count), so a batch of long reviews stays small in memory.
    /// </summary>
    /// <param name="lengths">The token count of each example.</param>
    /// <param name="batchSize">Examples per batch; at least 1.</param>
    /// <param name="maxPaddedTokens">Optional cap on longest length × examples per batch.</param>
    public static IReadOnlyList<int[]> Sequential(IReadOnlyList<int> lengths, int batchSize, int? maxPaddedTokens = null)
    {
        ArgumentNullException.ThrowIfNull(lengths);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var order = Enumerable.Range(0, lengths.Count).ToArray();
        Array.Sort(order, (a, b) => lengths[b] != lengths[a] ? lengths[b].CompareTo(lengths[a]) : a.CompareTo(b));
        var batches = new List<int[]>();
        for (var start = 0; start < order.Length;)
        {
            var longest = Math.Max(1, lengths[order[start]]);
            var size = Math.Min(batchSize, order.Length - start);
            if (maxPaddedTokens is { } cap)
            {
                size = Math.Clamp(cap / longest, 1, size);
            }

            batches.Add(order[start..(start + size)]);
            start += size;
        }

        return batches;
    }

    // Stable: ties keep the shuffled order, so the result depends only on the seed.
    private void SortLongestFirst(int[] pool)
    {
        var keys = pool.Select((index, position) => ((long)-_lengths[index] << 32) | (uint)position).ToArray();
        Array.Sort(keys, pool);
    }
}
