using ImdbSentiment.Runtime;
using ImdbSentiment.Tests.Fixtures;

namespace ImdbSentiment.Tests.Runtime;

public sealed class OpenMpWaitingTests
{
    // OMP_DISPLAY_ENV makes libgomp print what it read when libtorch loads it, so this checks the library that does the
    // waiting, not only our own environment.
    [SkippableTheory]
    [InlineData(null, "10000")]
    [InlineData("1234", "1234")]
    public void LibTorchs_OpenMP_should_read_a_short_spin_unless_the_user_chose_one(string? users, string expected)
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "libgomp on Linux only");

        var result = CliProcess.Run(["predict", "A fine film."], environment: new Dictionary<string, string?>
        {
            ["OMP_DISPLAY_ENV"] = "VERBOSE",
            [OpenMpWaiting.WaitPolicyVariable] = null,
            [OpenMpWaiting.SpinCountVariable] = users,
        });

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"GOMP_SPINCOUNT = '{expected}'", result.Stderr + result.Stdout);
    }
}
