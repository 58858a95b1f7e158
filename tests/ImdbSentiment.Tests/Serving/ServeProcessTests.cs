using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using ImdbSentiment.Tests.Fixtures;
using Xunit.Abstractions;

namespace ImdbSentiment.Tests.Serving;

/// <summary>The real <c>sentiment serve</c> process: starts, answers, and stops cleanly on SIGTERM.</summary>
[Collection(TorchCollection.Name)]
public sealed partial class ServeProcessTests(TinyModelFixture model, ITestOutputHelper output) : IClassFixture<TinyModelFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [SkippableFact]
    public async Task Should_serve_until_SIGTERM_and_then_exit_0()
    {
        Skip.IfNot(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "needs POSIX signals");

        // Given a server on a free loopback port
        using var process = Start("serve", "--model", model.ModelPath, "--urls", "http://127.0.0.1:0", "--log-requests");
        var stderr = new StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            lock (stderr)
            {
                stderr.AppendLine(e.Data);
            }
        };
        process.BeginErrorReadLine();
        try
        {
            var startup = await ReadStartupLineAsync(process);
            output.WriteLine(startup);
            var url = ListeningUrl().Match(startup);
            Assert.True(url.Success, $"no URL in the startup line: {startup}");
            Assert.Contains(model.ModelPath, startup);

            // When a client scores a text
            using var client = new HttpClient { BaseAddress = new Uri(url.Groups[1].Value), Timeout = Patience };
            var json = await Http.JsonAsync(await Http.PostTextAsync(client, "w5 w7 w9"), HttpStatusCode.OK);
            Assert.Equal("w5 w7 w9", json.GetProperty("text").GetString());

            // Then SIGTERM stops it cleanly
            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
                Assert.Equal(0, kill.ExitCode);
            }

            using var timeout = new CancellationTokenSource(Patience);
            await process.WaitForExitAsync(timeout.Token);
            var rest = await process.StandardOutput.ReadToEndAsync();
            output.WriteLine(rest);
            string errors;
            lock (stderr)
            {
                errors = stderr.ToString();
            }

            output.WriteLine(errors);
            Assert.Equal(0, process.ExitCode);
            Assert.Contains("sentiment serve: stopping", errors);
            Assert.Contains("POST /api/predict 200", errors);
            Assert.DoesNotContain("error", errors, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    [Fact]
    public void Should_refuse_a_non_http_url_with_exit_2()
    {
        var result = CliProcess.Run(["serve", "--model", model.ModelPath, "--urls", "https://127.0.0.1:0"]);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("sentiment: error: --urls: 'https://127.0.0.1:0' is not an http://HOST:PORT URL", result.Stderr.Trim());
    }

    [Fact]
    public void A_port_in_use_should_be_one_line_and_exit_1()
    {
        using var taken = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var result = CliProcess.Run(["serve", "--model", model.ModelPath, "--urls", $"http://127.0.0.1:{port}"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"sentiment: error: Failed to bind to address http://127.0.0.1:{port}: address already in use.", result.Stderr.Trim());
    }

    private static Process Start(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(CliProcess.CliDll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["NO_COLOR"] = "1";
        return Process.Start(info)!;
    }

    private static async Task<string> ReadStartupLineAsync(Process process)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("sentiment serve: listening on ", StringComparison.Ordinal))
            {
                return line;
            }
        }

        throw new InvalidOperationException($"sentiment serve exited ({(process.HasExited ? process.ExitCode : -1)}) before it listened");
    }

    [GeneratedRegex(@"listening on (http://[^\s,]+)")]
    private static partial Regex ListeningUrl();
}
