using System.Runtime.InteropServices;

namespace ImdbSentiment.Bench.Macro.Internal;

/// <summary>One line naming the machine: cores, CPU model, memory, OS and runtime.</summary>
internal static class Machine
{
    public static string Describe()
    {
        var cpu = ReadField("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString();
        var memory = ReadField("/proc/meminfo", "MemTotal") is { } total && long.TryParse(total.Split(' ')[0], out var kib)
            ? $", {kib / 1024.0 / 1024.0:F1} GiB"
            : string.Empty;
        var bf16 = ReadField("/proc/cpuinfo", "flags") is { } flags && flags.Split(' ').Contains("avx512_bf16") ? " (AVX-512 BF16)" : string.Empty;
        return $"{Environment.ProcessorCount} cores, {cpu}{bf16}{memory}, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}";
    }

    private static string? ReadField(string path, string name)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        foreach (var line in File.ReadLines(path))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line[..colon].Trim() == name)
            {
                return line[(colon + 1)..].Trim();
            }
        }

        return null;
    }
}
