using ImdbSentiment.Tests.Fixtures;

namespace ImdbSentiment.Tests.Cli;

public sealed class VersionAndHelpTests
{
    [Fact]
    public void Should_print_the_version()
    {
        var result = CliProcess.Run(["--version"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+\s*$", result.Stdout);
    }

    [Fact]
    public void Should_print_help_listing_the_commands()
    {
        var result = CliProcess.Run(["--help"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("USAGE:", result.Stdout);
        Assert.Contains("doctor", result.Stdout);
    }

    [Fact]
    public void Should_exit_2_with_one_line_on_an_unknown_option()
    {
        var result = CliProcess.Run(["doctor", "--no-such-option"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("sentiment: error: Unknown option 'no-such-option'.", result.Stderr.Trim());
    }
}
