using System.Runtime.CompilerServices;
using System.Text.Json;
using ImdbSentiment.Cli;
using ImdbSentiment.Cli.Internal;
using ImdbSentiment.Tests.Fixtures;
using Spectre.Console.Cli.Testing;

namespace ImdbSentiment.Tests.Cli;

/// <summary>
/// The real command tree (<see cref="SentimentApp.Configure"/>) run in this process by Spectre's
/// <see cref="CommandAppTester"/>, with stdout, stderr and stdin as strings: the commands' exact output and exit codes
/// without a child process. <see cref="CommandTests"/> and <see cref="BadInputTests"/> run the same as a real process.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class InProcessCommandTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Tokenize_json_should_write_spacy_tokens_as_one_json_line()
    {
        var run = Run("tokenize", "--json", "I didn't like it.");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("[\"I\",\"did\",\"n't\",\"like\",\"it\",\".\"]\n", run.Stdout);
        Assert.Equal(string.Empty, run.Stderr);
    }

    [Fact]
    public void Tokenize_should_read_json_lines_from_stdin_and_write_one_line_per_text()
    {
        var run = Run(["tokenize", "--jsonl-input"], stdin: "\"x y\"\n{\"text\":\"z!\"}\n");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("x | y\nz | !\n", run.Stdout);
        Assert.Equal(string.Empty, run.Stderr);
    }

    [Fact]
    public void Info_preset_json_should_describe_the_untrained_model_in_the_approved_shape()
    {
        var run = Run("info", "--preset", "seed-gru", "--vocab-size", "100", "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Stderr);
        Assert.Single(run.Stdout.TrimEnd('\n').Split('\n'));
        using var json = JsonDocument.Parse(run.Stdout);
        var root = json.RootElement;
        Assert.Equal("seed-gru", root.GetProperty("preset").GetString());
        Assert.Equal("bi-GRU 2×256: embedding 100×100, final hidden states, dropout 0.5 → linear 1", root.GetProperty("architecture").GetString());
        Assert.Equal(1_743_633, root.GetProperty("parameters").GetInt64());
        Assert.Equal(100, root.GetProperty("vocabularySize").GetInt32());
        Approval.Verify(JsonShape.Of(run.Stdout), JsonShapePath("info-preset"));
    }

    [Fact]
    public void Info_preset_table_should_not_wrap_when_stdout_is_not_a_terminal()
    {
        var run = Run("info", "--preset", "seed-gru", "--vocab-size", "100");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Stderr);
        Assert.Contains("│ architecture │ bi-GRU 2×256: embedding 100×100, final hidden states, dropout 0.5 → linear 1 │\n", run.Stdout);
        Assert.Contains("│ parameters   │ 1,743,633", run.Stdout);
        Assert.DoesNotContain("\u001b", run.Stdout);
    }

    [Fact]
    public void An_unknown_option_should_exit_2_with_one_line_on_stderr_and_nothing_on_stdout()
    {
        var run = Run("tokenize", "--no-such-option");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("sentiment: error: Unknown option 'no-such-option'.\n", run.Stderr);
        Assert.Equal(string.Empty, run.Stdout);
        Assert.Equal(string.Empty, run.Help);
    }

    [Fact]
    public void Predict_with_a_missing_model_should_exit_1_with_one_line_on_stderr()
    {
        var missing = _temp.Combine("missing.bundle");

        var run = Run("predict", "--model", missing, "hello");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"sentiment: error: {missing}: no such model bundle; train one with 'sentiment train' or pass --model PATH\n", run.Stderr);
        Assert.Equal(string.Empty, run.Stdout);
    }

    [Fact]
    public void Version_should_print_the_version_alone()
    {
        var run = Run("--version");

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+$", SentimentApp.Version);
        Assert.Equal(SentimentApp.Version + "\n", run.Help);
        Assert.Equal(string.Empty, run.Stdout);
        Assert.Equal(string.Empty, run.Stderr);
    }

    /// <summary>What a run wrote: the command's stdout and stderr, and Spectre's own console (help, version).</summary>
    private sealed record InProcessRun(int ExitCode, string Stdout, string Stderr, string Help);

    private static InProcessRun Run(params string[] args) => Run(args, stdin: string.Empty);

    private static InProcessRun Run(string[] args, string stdin)
    {
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };
        var console = new CliConsole(stdout, stderr, () => new StringReader(stdin), outputIsTerminal: false, errorIsTerminal: false);
        var tester = new CommandAppTester(new CommandAppTesterSettings { TrimConsoleOutput = false });
        tester.Configure(config => SentimentApp.Configure(config, console, verbose: false));

        var result = tester.Run(args);

        return new InProcessRun(result.ExitCode, stdout.ToString(), stderr.ToString(), result.Output);
    }

    private static string JsonShapePath(string name, [CallerFilePath] string path = "") =>
        Path.Combine(Path.GetDirectoryName(path)!, "JsonShapes", $"{name}.approved.txt");
}
