using System.Diagnostics;

namespace ImdbSentiment.Tests.Fixtures;

/// <summary>Runs the real <c>sentiment</c> CLI (built next to the tests) as a child process.</summary>
public static class CliProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static string CliDll => Path.Combine(AppContext.BaseDirectory, "sentiment.dll");

    public static Result Run(IEnumerable<string> args, string? stdin = null, string? cliDll = null,
        IDictionary<string, string?>? environment = null, TimeSpan? timeout = null)
    {
        var info = StartInfo(args, cliDll, environment);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
        }

        process.StandardInput.Close();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"sentiment {string.Join(' ', info.ArgumentList.Skip(1))} did not finish in time");
        }

        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Starts the CLI with empty stdin and returns at once; the caller reads its output and ends it.</summary>
    public static Process Start(IEnumerable<string> args)
    {
        var process = Process.Start(StartInfo(args, null, null))!;
        process.StandardInput.Close();
        return process;
    }

    private static ProcessStartInfo StartInfo(IEnumerable<string> args, string? cliDll, IDictionary<string, string?>? environment)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(cliDll ?? CliDll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["NO_COLOR"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            info.Environment[key] = value;
        }

        return info;
    }
}
