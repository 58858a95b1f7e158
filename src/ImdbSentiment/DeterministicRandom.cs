namespace ImdbSentiment;

/// <summary>
/// A pseudo-random generator whose algorithm we own, so that splits and shuffles are identical on every run,
/// platform and .NET version: xoshiro256** 1.0 (Blackman and Vigna, 2018), with its 256-bit state filled by
/// SplitMix64 from a 64-bit seed, as the authors recommend. <see cref="System.Random"/> is not used because
/// its seeded algorithm is an implementation detail.
/// </summary>
public sealed class DeterministicRandom
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    /// <summary>Creates a generator from a seed.</summary>
    /// <param name="seed">Any 64-bit value.</param>
    public DeterministicRandom(ulong seed)
    {
        var mixer = seed;
        _s0 = SplitMix64(ref mixer);
        _s1 = SplitMix64(ref mixer);
        _s2 = SplitMix64(ref mixer);
        _s3 = SplitMix64(ref mixer);
    }

    private DeterministicRandom(ulong s0, ulong s1, ulong s2, ulong s3)
    {
        (_s0, _s1, _s2, _s3) = (s0, s1, s2, s3);
    }

    /// <summary>
    /// A generator for one purpose of one run, e.g. <c>Derive(1234, "shuffle", epoch)</c>: each stream depends
    /// only on its arguments, so a resumed run replays exactly the order an uninterrupted run would have used.
    /// </summary>
    /// <param name="seed">The run's seed.</param>
    /// <param name="purpose">A name for the stream, such as "split" or "shuffle".</param>
    /// <param name="index">A further index, such as the epoch.</param>
    public static DeterministicRandom Derive(ulong seed, string purpose, long index = 0)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        var hash = 14695981039346656037UL; // FNV-1a 64 over the purpose's UTF-16 code units
        foreach (var c in purpose)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        var mixer = seed ^ hash;
        var a = SplitMix64(ref mixer);
        mixer ^= (ulong)index;
        var b = SplitMix64(ref mixer);
        return new DeterministicRandom(a ^ b);
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        var result = RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform integer in [0, <paramref name="exclusiveMax"/>), without modulo bias (Lemire's method).</summary>
    /// <param name="exclusiveMax">The bound, at least 1.</param>
    public int NextInt(int exclusiveMax)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(exclusiveMax, 1);
        var bound = (ulong)exclusiveMax;
        var threshold = (0UL - bound) % bound;
        while (true)
        {
            var product = Math.BigMul(NextUInt64(), bound, out var low);
            if (low >= threshold)
            {
                return (int)product;
            }
        }
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Shuffles in place with the Fisher–Yates algorithm (from the end, j uniform in [0, i]).</summary>
    /// <param name="items">The items to shuffle.</param>
    public void Shuffle<T>(IList<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>Shuffles a span in place, exactly as <see cref="Shuffle{T}(IList{T})"/> would.</summary>
    /// <param name="items">The items to shuffle.</param>
    public void Shuffle<T>(Span<T> items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>The generator's full state, for checkpoints.</summary>
    public ulong[] GetState() => [_s0, _s1, _s2, _s3];

    /// <summary>Restores a generator from <see cref="GetState"/>.</summary>
    /// <param name="state">Four words, not all zero.</param>
    public static DeterministicRandom FromState(IReadOnlyList<ulong> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Count != 4 || state.All(word => word == 0))
        {
            throw new ArgumentException("must be four words, not all zero", nameof(state));
        }

        return new DeterministicRandom(state[0], state[1], state[2], state[3]);
    }

    private static ulong SplitMix64(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong RotateLeft(ulong value, int bits) => (value << bits) | (value >> (64 - bits));
}
