using System.ComponentModel;
using System.Diagnostics;

namespace ImdbSentiment.Tests.Fixtures;

/// <summary>
/// A tmpfs of a given size mounted on a fresh folder and unmounted on dispose, to fill a disk on purpose. Mounting
/// needs root on Linux: without it the test is skipped, unless <c>IMDB_SENTIMENT_REQUIRE_TMPFS=1</c> (as in CI), where it
/// fails instead.
/// </summary>
public sealed class SmallTmpfs : IDisposable
{
    public const string RequireVariable = "IMDB_SENTIMENT_REQUIRE_TMPFS";

    private readonly TempFolder _parent;

    private SmallTmpfs(TempFolder parent, string path)
    {
        _parent = parent;
        Path = path;
    }

    /// <summary>The mount point.</summary>
    public string Path { get; }

    /// <summary>Mounts a tmpfs of at least <paramref name="bytes"/> bytes (rounded up to whole 4 KiB pages).</summary>
    public static SmallTmpfs MountOrSkip(long bytes)
    {
        var parent = new TempFolder();
        var mountPoint = parent.Combine("tmpfs");
        Directory.CreateDirectory(mountPoint);
        var reason = !OperatingSystem.IsLinux() ? "a tmpfs needs Linux"
            : !Environment.IsPrivilegedProcess ? "mounting a tmpfs needs root"
            : Run("mount", "-t", "tmpfs", "-o", $"size={(bytes + 4095) / 4096 * 4}k", "tmpfs", mountPoint);
        if (reason is null)
        {
            return new SmallTmpfs(parent, mountPoint);
        }

        parent.Dispose();
        Prerequisite.Missing(RequireVariable, reason, "run the tests as root to fill a disk on purpose");
        return null!;
    }

    /// <summary>Every file below the mount point, by name, sorted.</summary>
    public string[] FileNames() => Directory.EnumerateFiles(Path, "*", SearchOption.AllDirectories)
        .Select(file => System.IO.Path.GetRelativePath(Path, file))
        .Order(StringComparer.Ordinal)
        .ToArray();

    public void Dispose()
    {
        if (Run("umount", Path) is { } failure)
        {
            throw new InvalidOperationException(failure);
        }

        _parent.Dispose();
    }

    /// <summary>Runs a system command; returns null on success, else why it failed.</summary>
    private static string? Run(string command, params string[] args)
    {
        var info = new ProcessStartInfo(command) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        try
        {
            using var process = Process.Start(info)!;
            var stderr = process.StandardError.ReadToEndAsync();
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? null : $"{command} {string.Join(' ', args)} failed: {stderr.Result.Trim()}";
        }
        catch (Win32Exception ex)
        {
            return $"{command} could not be started: {ex.Message}";
        }
    }
}
