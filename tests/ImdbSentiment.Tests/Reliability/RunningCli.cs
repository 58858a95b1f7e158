using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using ImdbSentiment.Tests.Fixtures;

namespace ImdbSentiment.Tests.Reliability;

/// <summary>A running <c>sentiment</c> process whose stderr lines are collected as they come, so a test can pick its moment to kill it.</summary>
internal sealed partial class RunningCli : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _stderr = [];

    public RunningCli(IEnumerable<string> args)
    {
        _process = CliProcess.Start(args);
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_stderr)
                {
                    _stderr.Add(e.Data);
                }
            }
        };
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
    }

    public IReadOnlyList<string> StderrLines
    {
        get
        {
            lock (_stderr)
            {
                return [.. _stderr];
            }
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>The epochs the run has reported as finished (`epoch N/M: train loss …`).</summary>
    public IEnumerable<int> EpochsReported => StderrLines
        .Select(line => EpochLine().Match(line))
        .Where(match => match.Success)
        .Select(match => int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));

    /// <summary>Polls until <paramref name="condition"/> holds or the process exits; returns whether it held.</summary>
    public bool WaitUntil(Func<RunningCli, bool> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!condition(this))
        {
            if (HasExited || clock.Elapsed > timeout)
            {
                return condition(this);
            }

            Thread.Sleep(1);
        }

        return true;
    }

    /// <summary>Sends SIGKILL and waits until the process is gone; returns false if it had exited by itself first.</summary>
    public bool Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        _process.WaitForExit();
        return _process.ExitCode == 128 + 9;
    }

    /// <summary>
    /// Sends SIGINT, what Ctrl+C sends, and waits for the process to end and its output to be read; returns its exit
    /// code. Throws if it has not ended within <paramref name="timeout"/>.
    /// </summary>
    public int Interrupt(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-INT", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
            Assert.Equal(0, kill.ExitCode);
        }

        if (!_process.WaitForExit(timeout))
        {
            throw new TimeoutException($"sentiment did not stop within {timeout} of SIGINT");
        }

        _process.WaitForExit();
        return _process.ExitCode;
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    [GeneratedRegex(@"^epoch (\d+)/\d+: train loss")]
    private static partial Regex EpochLine();
}
