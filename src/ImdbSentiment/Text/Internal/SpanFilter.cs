namespace ImdbSentiment.Text.Internal;

/// <summary>
/// A 65,536-bit filter over (first char, last char, length) of a small set of strings: a cheap "certainly not
/// in the set" test run before hashing, since almost every chunk and token is not an exception key.
/// </summary>
internal sealed class SpanFilter
{
    private readonly ulong[] _bits = new ulong[1024];

    public void Add(ReadOnlySpan<char> s)
    {
        var h = Hash(s);
        _bits[h >> 6] |= 1UL << (int)(h & 63);
    }

    public bool MayContain(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty)
        {
            return false;
        }

        var h = Hash(s);
        return (_bits[h >> 6] & (1UL << (int)(h & 63))) != 0;
    }

    private static uint Hash(ReadOnlySpan<char> s) =>
        ((s[0] * 0x9E3779B1u) ^ (s[^1] * 0x85EBCA77u) ^ ((uint)s.Length * 0xC2B2AE3Du)) >> 16;
}
