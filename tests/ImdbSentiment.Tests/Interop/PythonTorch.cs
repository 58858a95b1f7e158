using System.Diagnostics;
using ImdbSentiment.Tests.Fixtures;

namespace ImdbSentiment.Tests.Interop;

/// <summary>
/// Runs the reference PyTorch script (<c>reference_model.py</c>, beside this file; see <see cref="InteropScripts"/>) with Debian's <c>/usr/bin/python3</c>,
/// or with <c>IMDB_SENTIMENT_PYTHON</c>. Without a python that imports torch the test is skipped, unless
/// <c>IMDB_SENTIMENT_REQUIRE_PYTHON_TORCH=1</c> (as in CI, after <c>scripts/install-python-torch.sh</c>), where it fails.
/// </summary>
public static class PythonTorch
{
    public const string PythonVariable = "IMDB_SENTIMENT_PYTHON";
    public const string RequireVariable = "IMDB_SENTIMENT_REQUIRE_PYTHON_TORCH";
    private const string ScriptName = "reference_model.py";

    private static readonly Lazy<(string? Version, string Problem)> Probe = new(ProbeTorch);

    public static string Interpreter =>
        Environment.GetEnvironmentVariable(PythonVariable) is { Length: > 0 } python ? python : "/usr/bin/python3";

    /// <summary>The torch version, or skips (fails when required) with a message saying how to get it.</summary>
    public static string VersionOrSkip()
    {
        var (version, problem) = Probe.Value;
        if (version is not null)
        {
            return version;
        }

        var reason = $"PyTorch interop tests need {Interpreter} with torch ({problem}); run scripts/install-python-torch.sh " +
                     $"(as root on Debian) or set {PythonVariable} to a python that has torch";
        Prerequisite.Missing(RequireVariable, reason);
        return string.Empty;
    }

    /// <summary>Runs <c>reference_model.py</c> with <paramref name="args"/>; throws with its stderr when it fails.</summary>
    public static void RunScript(params string[] args)
    {
        var (code, stdout, stderr) = Run([InteropScripts.Path(ScriptName), .. args]);
        if (code != 0)
        {
            throw new InvalidOperationException($"{ScriptName} {string.Join(' ', args)} exited {code}:\n{stderr}\n{stdout}");
        }
    }

    private static (string? Version, string Problem) ProbeTorch()
    {
        try
        {
            var (code, stdout, stderr) = Run(["-c", "import torch; print(torch.__version__)"]);
            return code == 0
                ? (stdout.Trim(), string.Empty)
                : (null, stderr.Trim().Split('\n').LastOrDefault() ?? $"exit {code}");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (null, $"cannot start it: {ex.Message}");
        }
    }

    private static (int Code, string Stdout, string Stderr) Run(IEnumerable<string> args)
    {
        var info = new ProcessStartInfo(Interpreter)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["OMP_NUM_THREADS"] = "1";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Interpreter} {string.Join(' ', info.ArgumentList)} did not finish in time");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
