using System.Collections.Concurrent;

namespace ImdbSentiment.Text.Internal;

/// <summary>
/// A thread-safe, bounded memo of chunk → encoded tokens. A chunk's tokens depend only on the chunk (spec §12),
/// so caching never changes a result. Only chunks of at most <see cref="MaxChunkLength"/> UTF-16 units are
/// kept, and once <see cref="Capacity"/> entries exist nothing more is added.
/// </summary>
internal sealed class ChunkCache
{
    public const int MaxChunkLength = 24;
    public const int Capacity = 200_000;

    private readonly ConcurrentDictionary<string, int[]> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private int _count;

    public ChunkCache()
    {
        _lookup = _entries.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public bool TryGet(ReadOnlySpan<char> chunk, out int[] encoded)
    {
        if (chunk.Length <= MaxChunkLength && _lookup.TryGetValue(chunk, out var found))
        {
            encoded = found;
            return true;
        }

        encoded = [];
        return false;
    }

    public void TryAdd(ReadOnlySpan<char> chunk, int[] encoded)
    {
        if (chunk.Length > MaxChunkLength || Volatile.Read(ref _count) >= Capacity)
        {
            return;
        }

        if (_lookup.TryAdd(chunk, encoded))
        {
            Interlocked.Increment(ref _count);
        }
    }
}
