using System.Runtime.InteropServices;

namespace ImdbSentiment.Runtime;

/// <summary>
/// Caps oneDNN's primitive cache. On CPUs with bf16 instructions libtorch runs bf16 matrix products through oneDNN,
/// which keeps a compiled primitive for every distinct shape, 1,024 by default. Training meets new shapes with nearly
/// every batch (T × B varies), so the cache filled with primitives no later batch used: on a 3,500-review seed-gru run
/// malloc's bytes in use after an epoch fell from 226–233 to 164–169 MB with a capacity of 16, at the same speed
/// (docs/benchmarks.md, memory). 64 keeps, with room to spare, the few shapes that every step reuses. oneDNN reads the
/// setting from the environment when it creates its first primitive, so it is set before libtorch starts; a capacity
/// the user set (<c>ONEDNN_PRIMITIVE_CACHE_CAPACITY</c> or <c>DNNL_PRIMITIVE_CACHE_CAPACITY</c>) wins.
/// </summary>
internal static partial class OneDnnCache
{
    /// <summary>The environment variable oneDNN reads.</summary>
    public const string Variable = "ONEDNN_PRIMITIVE_CACHE_CAPACITY";

    /// <summary>The capacity applied at start-up.</summary>
    public const int Capacity = 64;

    /// <summary>Sets the capacity in the process environment; false where one is set already or it cannot be set.</summary>
    public static bool Limit()
    {
        if (OperatingSystem.IsWindows())
        {
            return false;
        }

        try
        {
            // .NET's Environment keeps its own copy of the environment; oneDNN reads the C library's.
            if (GetEnvironment(Variable) != 0 || GetEnvironment("DNNL_PRIMITIVE_CACHE_CAPACITY") != 0)
            {
                return false;
            }

            return SetEnvironment(Variable, Capacity.ToString(System.Globalization.CultureInfo.InvariantCulture), overwrite: 0) == 0;
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "getenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint GetEnvironment(string name);

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnvironment(string name, string value, int overwrite);
}
