using System.Diagnostics;
using System.Globalization;

namespace ImdbSentiment;

/// <summary>Writes a file so that readers see either the old content or the complete new one, never a mix.</summary>
public static class AtomicFile
{
    private const string TempSuffix = ".tmp";

    /// <summary>
    /// Writes through <paramref name="write"/> into a temp file beside <paramref name="path"/>, flushes it to disk, then
    /// renames it over the target. Temp files of the same target left by a killed process are deleted first.
    /// </summary>
    /// <exception cref="IOException">The write failed; the target is unchanged and the temp file is gone.</exception>
    public static void Write(string path, Action<Stream> write)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        DeleteAbandonedTemps(full);
        var temp = Path.Combine(directory, $"{TempPrefix(full)}{Environment.ProcessId}.{Guid.NewGuid():N}{TempSuffix}");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
        }
        catch (IOException ex) when (IsDiskFull(ex))
        {
            TryDelete(temp);
            throw new IOException($"{full}: no space left on device; the previous version of the file is unchanged", ex);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Writes <paramref name="contents"/> as UTF-8 (no byte-order mark), atomically as <see cref="Write"/> does.</summary>
    public static void WriteAllText(string path, string contents) =>
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), leaveOpen: true);
            writer.Write(contents);
        });

    private static string TempPrefix(string target) => $".{Path.GetFileName(target)}.";

    // A writer killed between creating its temp file and renaming it leaves the file behind; the process id in the
    // name tells whether that writer can still finish.
    private static void DeleteAbandonedTemps(string target)
    {
        var prefix = TempPrefix(target);
        foreach (var temp in Directory.EnumerateFiles(Path.GetDirectoryName(target)!, $"{prefix}*{TempSuffix}"))
        {
            var name = Path.GetFileName(temp);
            if (TempOwner(name) is { } owner && name.StartsWith(prefix, StringComparison.Ordinal) && owner != Environment.ProcessId && !IsRunning(owner))
            {
                TryDelete(temp);
            }
        }
    }

    // Temp files are named ".target.PID.GUID.tmp".
    private static int? TempOwner(string fileName)
    {
        if (!fileName.StartsWith('.') || !fileName.EndsWith(TempSuffix, StringComparison.Ordinal))
        {
            return null;
        }

        var parts = fileName[..^TempSuffix.Length].Split('.');
        return parts.Length >= 4 && parts[^1].Length == 32 && Guid.TryParseExact(parts[^1], "N", out _)
               && int.TryParse(parts[^2], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            ? pid
            : null;
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    // .NET puts errno in HResult on Unix (ENOSPC = 28) and the Win32 code in its low word on Windows
    // (ERROR_HANDLE_DISK_FULL = 39, ERROR_DISK_FULL = 112).
    private static bool IsDiskFull(IOException ex) => OperatingSystem.IsWindows() ? (ex.HResult & 0xFFFF) is 39 or 112 : ex.HResult == 28;

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // The original error matters more than a leftover temp file, which is named as one.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
