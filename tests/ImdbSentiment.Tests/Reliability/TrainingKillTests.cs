using System.Diagnostics;
using System.Text.RegularExpressions;
using ImdbSentiment.Persistence;
using ImdbSentiment.Tests.Fixtures;
using ImdbSentiment.Training;
using Xunit.Abstractions;

namespace ImdbSentiment.Tests.Reliability;

/// <summary>
/// <c>sentiment train</c> killed with SIGKILL at seeded random moments. After every kill the run folder holds only
/// complete bundles (a loadable checkpoint as soon as an epoch was reported, never a half-written one taken for it),
/// and the run, continued until it is done, ends with exactly the metrics of an uninterrupted run.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed partial class TrainingKillTests : IDisposable
{
    private const int ResumedRunKills = 22;
    private const int FreshRunKills = 6;
    private const int LongRunEpochs = 80;
    private const int ShortRunEpochs = 5;
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private static readonly HashSet<string> KnownFiles =
        [TrainingRun.ModelFileName, TrainingRun.CheckpointFileName, "metrics.csv", "metrics.json", "curves.png"];

    private readonly TempFolder _folder = new();
    private readonly ITestOutputHelper _output;
    private readonly string _archive;

    public TrainingKillTests(ITestOutputHelper output)
    {
        _output = output;
        _archive = TinyImdbArchive.Write(_folder.Path);
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_run_killed_and_resumed_again_and_again_should_end_with_the_metrics_of_an_uninterrupted_run()
    {
        // Given
        var expected = Uninterrupted(_folder.Combine("reference"), LongRunEpochs);
        var run = _folder.Combine("killed");
        var random = new DeterministicRandom(20261127);
        var reported = 0;
        var killsLeavingTempFiles = 0;

        // When it is killed again and again, each time after 0 or 1 more reported epochs and then up to 40 ms
        for (var kill = 1; kill <= ResumedRunKills; kill++)
        {
            using var cli = new RunningCli(NextAttempt(run, LongRunEpochs));
            var epochsToWait = random.NextInt(2);
            var delay = random.NextInt(41);
            cli.WaitUntil(c => c.StderrLines.Any(line => line.StartsWith("training ", StringComparison.Ordinal)) && c.EpochsReported.Count() >= epochsToWait, Timeout);
            Thread.Sleep(delay);
            Assert.True(cli.Kill(), $"the run ended by itself before kill {kill}: {string.Join('\n', cli.StderrLines)}");
            killsLeavingTempFiles += TempFiles(run).Length > 0 ? 1 : 0;
            reported = Math.Max(reported, cli.EpochsReported.DefaultIfEmpty(0).Max());

            // Then
            AssertOnlyCompleteFiles(run, reported, LongRunEpochs);
        }

        _output.WriteLine($"{ResumedRunKills} kills, {killsLeavingTempFiles} of them left a temp file; {reported} epochs reported before the last kill");
        Assert.True(reported < LongRunEpochs, "the kills did not leave any epoch for the final resume");
        var final = CliProcess.Run(NextAttempt(run, LongRunEpochs), timeout: Timeout);

        // Then
        Assert.True(final.ExitCode == 0, final.Stderr);
        Assert.Equal(expected.Metrics, Metrics(run));
        Assert.Equal(expected.TestLine, TestLine(final));
        Assert.Empty(TempFiles(run));
    }

    [Fact]
    public void Fresh_runs_killed_early_should_leave_no_half_written_checkpoint_and_then_complete()
    {
        // Given
        var expected = Uninterrupted(_folder.Combine("reference"), ShortRunEpochs);
        var random = new DeterministicRandom(1127);

        for (var i = 0; i < FreshRunKills; i++)
        {
            var run = _folder.Combine($"fresh-{i}");

            // When it is killed during start-up, while its first bundle is written, or a little into training
            using (var cli = new RunningCli(NextAttempt(run, ShortRunEpochs)))
            {
                var (moment, reached) = Moment(i % 3, random);
                var hit = cli.WaitUntil(c => reached(c, run), Timeout);
                Assert.True(cli.Kill(), $"run {i} ended by itself before it was killed {moment}: {string.Join('\n', cli.StderrLines)}");
                _output.WriteLine($"run {i}: killed {moment}{(hit ? string.Empty : " (moment missed)")}; temp files left: {TempFiles(run).Length}");

                // Then
                AssertOnlyCompleteFiles(run, cli.EpochsReported.DefaultIfEmpty(0).Max(), ShortRunEpochs);
            }

            var final = CliProcess.Run(NextAttempt(run, ShortRunEpochs), timeout: Timeout);
            Assert.True(final.ExitCode == 0, final.Stderr);
            Assert.Equal(expected.Metrics, Metrics(run));
            Assert.Equal(expected.TestLine, TestLine(final));
            Assert.Empty(TempFiles(run));
        }
    }

    [Fact]
    public void A_run_killed_after_its_last_epoch_should_resume_to_finish_its_test_evaluation()
    {
        // Given a finished run put back into the state a kill during its test evaluation leaves: no reports, no test result
        var run = _folder.Combine("run");
        var expected = Uninterrupted(run, ShortRunEpochs);
        var modelPath = Path.Combine(run, TrainingRun.ModelFileName);
        var bundle = ModelBundle.Load(modelPath);
        using (var model = bundle.CreateModel())
        {
            ModelBundle.Save(modelPath, bundle.Manifest with { Test = null }, bundle.Vocabulary, model);
        }

        foreach (var report in new[] { "metrics.csv", "metrics.json", "curves.png" })
        {
            File.Delete(Path.Combine(run, report));
        }

        // When
        var resumed = CliProcess.Run(NextAttempt(run, ShortRunEpochs), timeout: Timeout);
        var again = CliProcess.Run(NextAttempt(run, ShortRunEpochs), timeout: Timeout);

        // Then
        Assert.True(resumed.ExitCode == 0, resumed.Stderr);
        Assert.Equal(expected.Metrics, Metrics(run));
        Assert.Equal(expected.TestLine, TestLine(resumed));
        Assert.NotNull(ModelBundle.Load(modelPath).Manifest.Test);
        Assert.Equal(2, again.ExitCode);
        Assert.Equal($"sentiment: error: the run in {run} already completed {ShortRunEpochs} epochs; pass --epochs N with N > {ShortRunEpochs} to continue it", again.Stderr.Trim());
    }

    // Called right after the process started: the clocks start here.
    private static (string Name, Func<RunningCli, string, bool> Reached) Moment(int kind, DeterministicRandom random)
    {
        var clock = Stopwatch.StartNew();
        var training = (RunningCli cli) => cli.StderrLines.Any(line => line.StartsWith("training ", StringComparison.Ordinal));
        switch (kind)
        {
            case 0:
                var startUp = random.NextInt(801);
                return ("during start-up", (cli, _) => clock.ElapsedMilliseconds >= startUp || training(cli));
            case 1:
                return ("while the first bundle is written", (_, run) => TempFiles(run).Length > 0);
            default:
                var intoTraining = random.NextInt(41);
                TimeSpan? trainingSeen = null;
                return ("a little into training", (cli, _) =>
                {
                    trainingSeen ??= training(cli) ? clock.Elapsed : null;
                    return clock.Elapsed - trainingSeen >= TimeSpan.FromMilliseconds(intoTraining);
                });
        }
    }

    private (string[] Metrics, string TestLine) Uninterrupted(string run, int epochs)
    {
        var result = CliProcess.Run(FreshArguments(run, epochs), timeout: Timeout);
        Assert.True(result.ExitCode == 0, result.Stderr);
        return (Metrics(run), TestLine(result));
    }

    // What a user does next: resume; or, when no epoch had completed, what --resume tells them to do.
    private string[] NextAttempt(string run, int epochs)
    {
        if (File.Exists(Path.Combine(run, TrainingRun.CheckpointFileName)))
        {
            return ["train", "--resume", run, "--data", _archive];
        }

        if (Directory.Exists(run))
        {
            var refused = CliProcess.Run(["train", "--resume", run, "--data", _archive], timeout: Timeout);
            Assert.Equal(2, refused.ExitCode);
            Assert.Equal(
                $"sentiment: error: --resume {run}: there is no {TrainingRun.CheckpointFileName} (the run stopped before its first checkpoint was written); delete the folder and start the run again",
                refused.Stderr.Trim());
            Directory.Delete(run, recursive: true);
        }

        return FreshArguments(run, epochs);
    }

    private string[] FreshArguments(string run, int epochs) =>
        ["train", "--preset", "seed-rnn", "--epochs", $"{epochs}", "--lr", "0.002", "--min-freq", "2", "--threads", "1", "--data", _archive, "--out", run];

    /// <summary>
    /// Every file in the run folder is a complete one of ours or an abandoned temp file; the checkpoint loads and covers
    /// at least the epochs reported; the best model loads and is at most one epoch ahead of the checkpoint.
    /// </summary>
    private static void AssertOnlyCompleteFiles(string run, int epochsReported, int epochs)
    {
        string[] names = Directory.Exists(run) ? [.. Directory.EnumerateFileSystemEntries(run).Select(entry => Path.GetFileName(entry))] : [];
        Assert.All(names, name => Assert.True(KnownFiles.Contains(name) || TempFileName().IsMatch(name), $"unexpected {name} in the run folder"));
        var checkpointPath = Path.Combine(run, TrainingRun.CheckpointFileName);
        if (epochsReported == 0 && !File.Exists(checkpointPath))
        {
            Assert.DoesNotContain("metrics.json", names);
            if (File.Exists(Path.Combine(run, TrainingRun.ModelFileName)))
            {
                Assert.Equal(1, ModelBundle.Load(Path.Combine(run, TrainingRun.ModelFileName)).Manifest.BestEpoch);
            }

            return;
        }

        var completed = ModelBundle.Load(checkpointPath).Manifest.Resume!.CompletedEpochs;
        Assert.InRange(completed, Math.Max(1, epochsReported), epochs);
        Assert.InRange(ModelBundle.Load(Path.Combine(run, TrainingRun.ModelFileName)).Manifest.BestEpoch, 1, completed + 1);
    }

    private static string[] TempFiles(string run) =>
        Directory.Exists(run) ? [.. Directory.EnumerateFiles(run, "*.tmp").Select(file => Path.GetFileName(file))] : [];

    // Epoch, losses, accuracies and learning rate, as written (round-trip precision); not the timings.
    private static string[] Metrics(string run) => File.ReadAllLines(Path.Combine(run, "metrics.csv"))
        .Select(line => line.Split(','))
        .Select(fields => string.Join(',', fields[..5].Append(fields[8])))
        .ToArray();

    private static string TestLine(CliProcess.Result result) =>
        result.Stdout.Split('\n').Single(line => line.StartsWith("test: ", StringComparison.Ordinal));

    [GeneratedRegex(@"^\.(model\.bundle|checkpoint\.bundle|metrics\.csv|metrics\.json|curves\.png)\.\d+\.[0-9a-f]{32}\.tmp$")]
    private static partial Regex TempFileName();
}
