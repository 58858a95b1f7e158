using System.Runtime.InteropServices;

namespace ImdbSentiment.Runtime;

/// <summary>
/// glibc's malloc, tuned for training. libtorch's CPU allocator takes every tensor straight from malloc, and each
/// batch has a different sequence length, so each step frees and allocates blocks of new sizes. By default glibc gives
/// every thread its own arena (up to eight per core) and keeps freed pages mapped, so resident memory crept up
/// epoch after epoch in a seed-gru run while the live tensors did not (docs/benchmarks.md, memory).
/// Two arenas and a trim after each epoch keep the resident size at what is in use. Nothing happens on other C
/// libraries, or when the user set <c>MALLOC_ARENA_MAX</c> themselves.
/// </summary>
internal static partial class NativeHeap
{
    private const int ArenaMaxParameter = -8; // M_ARENA_MAX in glibc's malloc.h

    /// <summary>The arena cap applied at start-up.</summary>
    public const int Arenas = 2;

    /// <summary>Caps glibc's malloc arenas (before libtorch starts its threads); false where it cannot.</summary>
    public static bool LimitArenas()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("MALLOC_ARENA_MAX") is not null)
        {
            return false;
        }

        try
        {
            return MallocOption(ArenaMaxParameter, Arenas) == 1;
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            return false;
        }
    }

    /// <summary>Returns freed memory in every glibc arena to the operating system; true if any was returned.</summary>
    public static bool Trim()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            return MallocTrim(0) == 1;
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            return false;
        }
    }

    /// <summary>
    /// Bytes that malloc has handed out and not yet had back (glibc's <c>mallinfo2</c>: arena blocks in use plus mmapped
    /// blocks), or null where unavailable. Unlike the resident size it does not count freed memory glibc keeps, so it
    /// tells a leak (this grows) from fragmentation (only the resident size grows).
    /// </summary>
    public static long? InUseBytes()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        try
        {
            var info = MallocInfo();
            return checked((long)(info.InUseArenaBytes + info.MappedBytes));
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            return null;
        }
    }

    [LibraryImport("libc", EntryPoint = "mallinfo2")]
    private static partial MallocStatistics MallocInfo();

    [LibraryImport("libc", EntryPoint = "mallopt")]
    private static partial int MallocOption(int parameter, int value);

    [LibraryImport("libc", EntryPoint = "malloc_trim")]
    private static partial int MallocTrim(nuint pad);

    // glibc's struct mallinfo2: ten size_t fields in this order.
    [StructLayout(LayoutKind.Sequential)]
    private readonly struct MallocStatistics
    {
        public readonly nuint Arena;
        public readonly nuint FreeChunks;
        public readonly nuint FastBins;
        public readonly nuint MappedRegions;
        public readonly nuint MappedBytes;
        public readonly nuint MaxTotalAllocated;
        public readonly nuint FreeFastBinBytes;
        public readonly nuint InUseArenaBytes;
        public readonly nuint FreeArenaBytes;
        public readonly nuint ReleasableBytes;
    }
}
