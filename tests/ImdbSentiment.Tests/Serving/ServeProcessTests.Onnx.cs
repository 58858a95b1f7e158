using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace ImdbSentiment.Tests.Serving;

public sealed partial class ServeProcessTests
{
    [SkippableFact]
    public async Task An_ONNX_model_should_be_served_without_loading_libtorch_and_drain_on_SIGTERM()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "reads /proc/PID/maps");

        // Given a server of the exported model, draining for 3 s
        using var process = Start("serve", "--model", model.OnnxPath, "--urls", "http://127.0.0.1:0", "--drain-seconds", "3");
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            var startup = await ReadStartupLineAsync(process);
            output.WriteLine(startup);
            Assert.Contains("onnxruntime", startup, StringComparison.Ordinal);
            using var client = new HttpClient { BaseAddress = new Uri(ListeningUrl().Match(startup).Groups[1].Value), Timeout = Patience };
            var json = await Http.JsonAsync(await Http.PostTextAsync(client, "w5 w7 w9"), HttpStatusCode.OK);
            Assert.Equal("pos", json.GetProperty("label").GetString());

            // Then only ONNX Runtime's native library is mapped
            var libraries = File.ReadAllLines($"/proc/{process.Id}/maps").Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "")
                .Where(path => path.EndsWith(".so", StringComparison.Ordinal) || path.Contains(".so.", StringComparison.Ordinal)).Distinct().ToList();
            Assert.Contains(libraries, path => Path.GetFileName(path).StartsWith("libonnxruntime", StringComparison.Ordinal));
            Assert.DoesNotContain(libraries, path => Path.GetFileName(path).Contains("torch", StringComparison.Ordinal));

            // When SIGTERM comes, /readyz turns 503 at once while predictions are still answered
            var stopwatch = Stopwatch.StartNew();
            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            await Poll.UntilAsync(async () => (await client.GetAsync("/readyz")).StatusCode == HttpStatusCode.ServiceUnavailable);
            json = await Http.JsonAsync(await Http.PostTextAsync(client, "w3 w7 w9"), HttpStatusCode.OK);
            Assert.Equal("neg", json.GetProperty("label").GetString());
            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(3), "the drain should still be under way");

            // And it exits 0 once the drain is over
            using var timeout = new CancellationTokenSource(Patience);
            await process.WaitForExitAsync(timeout.Token);
            output.WriteLine(await stderr);
            Assert.Equal(0, process.ExitCode);
            Assert.True(stopwatch.Elapsed >= TimeSpan.FromSeconds(3), $"exited after {stopwatch.Elapsed.TotalSeconds:F1} s, before the 3 s drain");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
