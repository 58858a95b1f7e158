using System.Runtime.CompilerServices;
using ImdbSentiment.Tests.Fixtures;

namespace ImdbSentiment.Tests.Cli;

/// <summary>
/// Every command's <c>--help</c>, as the real CLI prints it, against an approved copy in <c>Cli/Help/</c>: options,
/// defaults and examples change only on purpose (see <see cref="Approval"/>).
/// </summary>
public sealed class HelpTextTests
{
    public static TheoryData<string> Commands() =>
        ["", "data", "tokenize", "train", "pretrain", "evaluate", "calibrate", "ensemble", "unpack", "predict", "serve", "info", "export", "import", "doctor"];

    [Theory]
    [MemberData(nameof(Commands))]
    public void Help_should_match_the_approved_text(string command)
    {
        var result = CliProcess.Run(command.Length == 0 ? ["--help"] : [command, "--help"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.Stderr);
        Approval.Verify(result.Stdout, Path.Combine(HelpFolder(), $"{(command.Length == 0 ? "sentiment" : command)}.approved.txt"));
    }

    private static string HelpFolder([CallerFilePath] string path = "") => Path.Combine(Path.GetDirectoryName(path)!, "Help");
}
