using System.Globalization;
using System.Runtime.InteropServices;

namespace ImdbSentiment.Bench.Macro.Internal;

/// <summary>
/// Splits the process's resident memory by what maps it (Linux <c>/proc/self/smaps</c>): glibc's main malloc arena
/// (<c>[heap]</c>), its thread arenas (anonymous mappings at 64 MB boundaries, glibc's heap size), the .NET GC's
/// reservation (the anonymous mappings adjacent to a pinned object), native libraries (libtorch and the shims), other
/// files (assemblies, the runtime), and other anonymous memory (large blocks malloc maps on its own, thread stacks,
/// the JIT). Tells which allocator holds memory that neither malloc's nor the GC's own counters show.
/// </summary>
internal static class ResidentMappings
{
    private const long ThreadArenaSize = 64L << 20; // glibc's HEAP_MAX_SIZE on 64-bit

    private static readonly byte[] Pinned = GC.AllocateArray<byte>(16, pinned: true);

    /// <summary>The categories, in report order.</summary>
    public static readonly string[] Categories = ["main_arena", "thread_arenas", "dotnet_gc", "native_libraries", "other_files", "other_anonymous"];

    /// <summary>Resident megabytes per category, or null off Linux.</summary>
    public static IReadOnlyDictionary<string, double>? Sample()
    {
        if (!File.Exists("/proc/self/smaps"))
        {
            return null;
        }

        var maps = Read();
        var managed = ManagedReservation(maps, Marshal.UnsafeAddrOfPinnedArrayElement(Pinned, 0));
        var sums = Categories.ToDictionary(c => c, _ => 0.0, StringComparer.Ordinal);
        for (var i = 0; i < maps.Count; i++)
        {
            var map = maps[i];
            var category = managed.Contains(i) ? "dotnet_gc"
                : map.Path == "[heap]" ? "main_arena"
                : map.Path.Length == 0 && map.Start % ThreadArenaSize == 0 && map.End - map.Start <= ThreadArenaSize ? "thread_arenas"
                : map.Path.Length == 0 || map.Path.StartsWith('[') ? "other_anonymous"
                : map.Path.EndsWith(".so", StringComparison.Ordinal) || map.Path.Contains(".so.", StringComparison.Ordinal) ? "native_libraries"
                : "other_files";
            sums[category] += map.ResidentKilobytes / 1024.0;
        }

        return sums;
    }

    private static List<(long Start, long End, string Path, long ResidentKilobytes)> Read()
    {
        var maps = new List<(long Start, long End, string Path, long ResidentKilobytes)>();
        long start = 0, end = 0;
        var path = "";
        foreach (var line in File.ReadLines("/proc/self/smaps"))
        {
            var fields = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
            var dash = fields[0].IndexOf('-', StringComparison.Ordinal);
            if (dash > 0 && !fields[0].EndsWith(':'))
            {
                start = long.Parse(fields[0].AsSpan(0, dash), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                end = long.Parse(fields[0].AsSpan(dash + 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                path = fields.Length == 6 ? fields[5].Trim() : "";
            }
            else if (fields[0] == "Rss:")
            {
                maps.Add((start, end, path, long.Parse(fields[1], CultureInfo.InvariantCulture)));
            }
        }

        return maps;
    }

    // The GC reserves one range and commits parts of it: the unnamed mappings that touch the one holding a live object.
    private static HashSet<int> ManagedReservation(List<(long Start, long End, string Path, long ResidentKilobytes)> maps, nint address)
    {
        var found = new HashSet<int>();
        var at = maps.FindIndex(m => m.Start <= address && address < m.End);
        if (at < 0)
        {
            return found;
        }

        found.Add(at);
        for (var i = at - 1; i >= 0 && maps[i].End == maps[i + 1].Start && maps[i].Path.Length == 0; i--)
        {
            found.Add(i);
        }

        for (var i = at + 1; i < maps.Count && maps[i].Start == maps[i - 1].End && maps[i].Path.Length == 0; i++)
        {
            found.Add(i);
        }

        return found;
    }
}
