using System.Diagnostics;
using ImdbSentiment.Tests.Fixtures;

namespace ImdbSentiment.Tests.Reliability;

/// <summary>A running <c>sentiment</c> process whose stderr lines are collected as they come, so a test can pick its moment to kill it.</summary>
internal sealed class RunningCli : IDisposable
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

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
