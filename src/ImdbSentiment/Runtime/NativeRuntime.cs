using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using TorchSharp;

namespace ImdbSentiment.Runtime;

/// <summary>
/// Loads TorchSharp's native runtime once, early, and turns a load failure into one clear line
/// instead of TorchSharp's multi-line trace.
/// </summary>
public static partial class NativeRuntime
{
    private static readonly Lock Gate = new();
    private static bool _loaded;

    /// <summary>Loads libtorch for the CPU, or throws <see cref="NativeRuntimeException"/> naming the missing requirement.</summary>
    public static void EnsureLoaded()
    {
        lock (Gate)
        {
            if (_loaded)
            {
                return;
            }

            NativeHeap.LimitArenas();
            OpenMpWaiting.Apply();
            try
            {
                PreloadNativeLibraries();
                torch.InitializeDeviceType(DeviceType.CPU);
            }
            catch (Exception ex)
            {
                throw Describe(ex);
            }

            _loaded = true;
        }
    }

    // TorchSharp's own loader reports every failure as "no reference to libtorch-cpu" and, as a fallback,
    // copies half a gigabyte of binaries next to the app. Loading the shim ourselves first surfaces the
    // real dynamic-linker error (e.g. "version `GLIBCXX_3.4.32' not found") and skips that fallback.
    private static void PreloadNativeLibraries()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var folder = new[]
        {
            AppContext.BaseDirectory,
            Path.Combine(AppContext.BaseDirectory, "runtimes", RuntimeInformation.RuntimeIdentifier, "native"),
            Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native"),
        }.FirstOrDefault(dir => File.Exists(Path.Combine(dir, "libLibTorchSharp.so")));
        if (folder is null)
        {
            return;
        }

        NativeLibrary.Load(Path.Combine(folder, "libtorch_cpu.so"));
        NativeLibrary.Load(Path.Combine(folder, "libLibTorchSharp.so"));
    }

    /// <summary>Sets libtorch's intra-op thread count (process-wide). Loads the runtime first.</summary>
    /// <param name="threads">The number of threads, at least 1.</param>
    public static void SetThreads(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        EnsureLoaded();
        torch.set_num_threads(threads);
    }

    /// <summary>
    /// Hands memory that libtorch has freed back to the operating system (glibc's <c>malloc_trim</c>); the trainer calls
    /// it before a long batch and, through <see cref="ReleaseUnusedMemory"/>, after every epoch. True if any memory was
    /// returned (never on C libraries other than glibc).
    /// </summary>
    public static bool ReleaseFreedMemory() => NativeHeap.Trim();

    /// <summary>
    /// Hands back what both heaps hold but no longer use: a full, compacting collection of the .NET heap, then
    /// <see cref="ReleaseFreedMemory"/>. The trainer calls it after every epoch, so that the resident size then is what
    /// the run keeps.
    /// </summary>
    public static void ReleaseUnusedMemory()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        ReleaseFreedMemory();
    }

    /// <summary>How libtorch's OpenMP threads wait for work, for reports: the variables in effect and who set them.</summary>
    public static string OpenMpWaitPolicy => OpenMpWaiting.Description;

    /// <summary>The libtorch version TorchSharp was built against, e.g. "2.10.0".</summary>
    public static string LibTorchVersion => torch.__version__;

    internal static NativeRuntimeException Describe(Exception failure)
    {
        var messages = string.Join(" ", Chain(failure).Select(e => e.Message));
        var glibcxx = GlibcxxVersion().Match(messages);
        if (glibcxx.Success)
        {
            return NativeRuntimeException.MissingGlibcxx(glibcxx.Value, failure);
        }

        var innermost = Chain(failure).Last().Message;
        var firstLine = innermost.Split('\n', 2)[0].Trim();
        return NativeRuntimeException.LoadFailed(firstLine.Length > 0 ? firstLine : failure.GetType().Name, failure);
    }

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            yield return current;
        }
    }

    [GeneratedRegex(@"GLIBCXX_[0-9.]+[0-9]")]
    private static partial Regex GlibcxxVersion();
}
