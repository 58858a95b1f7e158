using System.Runtime.InteropServices;

namespace ImdbSentiment.Runtime;

/// <summary>
/// How long libtorch's OpenMP threads busy-wait at a barrier before they sleep. libgomp's default spins for hundreds of
/// thousands of iterations, about a scheduler time slice: fastest on idle cores, but when other processes share the
/// cores a waiting thread burns the slice its partner needs to reach the barrier, and a training step took several
/// times its fair share. Sleeping at once (<c>OMP_WAIT_POLICY=PASSIVE</c>) cures that but slows every step on idle
/// cores. A short spin keeps both (docs/benchmarks.md, shared cores). libgomp reads its environment once, when
/// libtorch loads, so this runs before that; a user's own <c>OMP_WAIT_POLICY</c> or <c>GOMP_SPINCOUNT</c> wins.
/// </summary>
internal static partial class OpenMpWaiting
{
    /// <summary>libgomp's variable for the busy-wait length, in iterations.</summary>
    public const string SpinCountVariable = "GOMP_SPINCOUNT";

    /// <summary>libgomp's variable for the waiting policy (ACTIVE or PASSIVE).</summary>
    public const string WaitPolicyVariable = "OMP_WAIT_POLICY";

    /// <summary>The busy-wait length the toolkit sets when the user set neither variable.</summary>
    public const int SpinCount = 10_000;

    private static string? _applied;

    /// <summary>What libtorch's OpenMP threads were told, for reports: the variables in effect and who set them.</summary>
    public static string Description
    {
        get
        {
            if (_applied is not null)
            {
                return $"{SpinCountVariable}={_applied} (set by the toolkit)";
            }

            var policy = Environment.GetEnvironmentVariable(WaitPolicyVariable);
            var spins = Environment.GetEnvironmentVariable(SpinCountVariable);
            if (policy is null && spins is null)
            {
                return "libgomp's default (long busy-wait)";
            }

            return string.Join(", ", new[] { (WaitPolicyVariable, policy), (SpinCountVariable, spins) }
                .Where(v => v.Item2 is not null)
                .Select(v => $"{v.Item1}={v.Item2}")) + " (set by the user)";
        }
    }

    /// <summary>
    /// Sets <see cref="SpinCountVariable"/> to <see cref="SpinCount"/> in the process environment unless the user set
    /// either variable. Call before libtorch loads; true if it was set.
    /// </summary>
    public static bool Apply()
    {
        if (!OperatingSystem.IsLinux()
            || Environment.GetEnvironmentVariable(WaitPolicyVariable) is not null
            || Environment.GetEnvironmentVariable(SpinCountVariable) is not null)
        {
            return false;
        }

        // .NET's Environment.SetEnvironmentVariable changes only its own copy on Unix; libgomp reads the C library's.
        try
        {
            var value = SpinCount.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (SetNativeVariable(SpinCountVariable, value, overwrite: 0) != 0)
            {
                return false;
            }

            _applied = value;
            return true;
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetNativeVariable(string name, string value, int overwrite);
}
