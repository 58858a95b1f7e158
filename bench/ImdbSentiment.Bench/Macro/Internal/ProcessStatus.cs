using System.Globalization;

namespace ImdbSentiment.Bench.Macro.Internal;

/// <summary>Memory fields of a process's Linux <c>/proc/PID/status</c> (VmRSS, VmHWM, …).</summary>
internal static class ProcessStatus
{
    /// <summary>The field's value in kB for <paramref name="process"/> (a PID, or <c>self</c>); null where there is no /proc or no such field.</summary>
    public static long? Kilobytes(string process, string field)
    {
        var path = $"/proc/{process}/status";
        if (!File.Exists(path))
        {
            return null;
        }

        var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }
}
