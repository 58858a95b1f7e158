using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using ImdbSentiment.Bench.Macro.Internal;

namespace ImdbSentiment.Bench.Macro;

/// <summary>
/// <c>sentiment serve</c> as a process on 127.0.0.1 (a free port), loaded with short-review POSTs to
/// <c>/api/predict</c> at <c>--concurrency</c> (default 8) for <c>--seconds</c> (default 10): by <c>wrk</c> when it is
/// on PATH (bench/install-tools.sh installs it; script Macro/predict.lua), else by an in-process HttpClient generator
/// (<c>--generator http</c> forces it). Reports requests/s, latency percentiles and non-2xx responses.
/// </summary>
internal sealed partial class ServeBenchmark : IMacroBenchmark
{
    public string Name => "serve";

    public string Description => "sentiment serve under a loopback load generator (wrk or HttpClient): req/s, latency p50/p99";

    public IReadOnlyDictionary<string, object> Run(MacroOptions options)
    {
        var cli = CliLocator.Find(options);
        using var model = BenchModel.Resolve(options);
        var concurrency = Math.Max(1, options.Int("concurrency", 8));
        var seconds = Math.Max(1, options.Int("seconds", 10));
        var generator = options.String("generator") ?? (FindOnPath("wrk") is not null ? "wrk" : "http");
        var port = FreePort();
        var url = $"http://127.0.0.1:{port}";

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { cli, "serve", "--model", model.PathFor(options), "--urls", url, "--threads", options.Threads.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        using var server = Process.Start(start) ?? throw new InvalidOperationException("cannot start dotnet");
        var serverLog = new StringBuilder();
        server.OutputDataReceived += (_, e) => { lock (serverLog) { serverLog.AppendLine(e.Data); } };
        server.ErrorDataReceived += (_, e) => { lock (serverLog) { serverLog.AppendLine(e.Data); } };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        try
        {
            var startup = WaitUntilHealthy(url, server, serverLog);
            var figures = generator == "wrk"
                ? RunWrk(url, concurrency, seconds)
                : RunHttpClient(url, concurrency, seconds).GetAwaiter().GetResult();
            var (resident, peak) = ResidentMegabytes(server.Id);
            var result = new Dictionary<string, object>(StringComparer.Ordinal)
            {
                ["cli"] = cli,
                ["model_source"] = model.Source,
                ["generator"] = generator,
                ["concurrency"] = concurrency,
                ["duration_seconds"] = seconds,
                ["request_body"] = "{\"text\": <20-word review>}",
                ["server_startup_seconds"] = Stats.Round(startup),
                ["engine"] = BenchModel.Engine(options),
                ["server_rss_mb_after_load"] = resident,
                ["server_peak_rss_mb"] = peak,
            };
            foreach (var (key, value) in figures)
            {
                result[key] = value;
            }

            return result;
        }
        finally
        {
            if (!server.HasExited)
            {
                server.Kill();
                server.WaitForExit();
            }
        }
    }

    // The server's resident and peak resident memory (VmRSS, VmHWM) in MB, from /proc; NaN elsewhere.
    private static (double Resident, double Peak) ResidentMegabytes(int pid)
    {
        var process = pid.ToString(CultureInfo.InvariantCulture);
        double Field(string name) => ProcessStatus.Kilobytes(process, name) is { } kilobytes ? Math.Round(kilobytes / 1024.0, 1) : double.NaN;
        return (Field("VmRSS"), Field("VmHWM"));
    }

    private static double WaitUntilHealthy(string url, Process server, StringBuilder log)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(120))
        {
            if (server.HasExited)
            {
                throw new InvalidOperationException($"sentiment serve exited with {server.ExitCode}: {log}");
            }

            try
            {
                if (client.GetAsync(url + "/healthz").GetAwaiter().GetResult().IsSuccessStatusCode)
                {
                    return clock.Elapsed.TotalSeconds;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            Thread.Sleep(100);
        }

        throw new TimeoutException($"sentiment serve did not answer {url}/healthz within 120 s: {log}");
    }

    private static Dictionary<string, object> RunWrk(string url, int concurrency, int seconds)
    {
        var folder = Directory.CreateTempSubdirectory("imdb-bench-wrk-").FullName;
        try
        {
            var script = Path.Combine(folder, "predict.lua");
            using (var resource = typeof(ServeBenchmark).Assembly.GetManifestResourceStream("predict.lua")
                ?? throw new InvalidOperationException("the predict.lua resource is missing"))
            using (var file = File.Create(script))
            {
                resource.CopyTo(file);
            }

            var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[]
            {
                "-t", Math.Min(2, concurrency).ToString(CultureInfo.InvariantCulture), "-c", concurrency.ToString(CultureInfo.InvariantCulture),
                "-d", $"{seconds}s", "--latency", "-s", script, url + "/api/predict",
            })
            {
                start.ArgumentList.Add(argument);
            }

            using var wrk = Process.Start(start) ?? throw new InvalidOperationException("cannot start wrk");
            var stderr = wrk.StandardError.ReadToEndAsync();
            var output = wrk.StandardOutput.ReadToEnd();
            wrk.WaitForExit();
            if (wrk.ExitCode != 0)
            {
                throw new InvalidOperationException($"wrk failed ({wrk.ExitCode}): {stderr.Result}");
            }

            var result = new Dictionary<string, object>(StringComparer.Ordinal)
            {
                ["requests_per_second"] = double.Parse(RequestsPerSecond().Match(output).Groups[1].Value, CultureInfo.InvariantCulture),
                ["requests"] = long.Parse(RequestCount().Match(output).Groups[1].Value, CultureInfo.InvariantCulture),
                ["non_2xx_responses"] = NonSuccess().Match(output) is { Success: true } m ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0L,
                ["socket_errors"] = SocketErrors().Match(output) is { Success: true } e ? e.Groups[1].Value.Trim() : "none",
            };
            foreach (Match percentile in LatencyPercentile().Matches(output))
            {
                result[$"p{percentile.Groups[1].Value}_ms"] = Stats.Round(ToMilliseconds(percentile.Groups[2].Value, percentile.Groups[3].Value));
            }

            var latency = MeanLatency().Match(output);
            result["mean_ms"] = Stats.Round(ToMilliseconds(latency.Groups[1].Value, latency.Groups[2].Value));
            result["max_ms"] = Stats.Round(ToMilliseconds(latency.Groups[3].Value, latency.Groups[4].Value));
            return result;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<Dictionary<string, object>> RunHttpClient(string url, int concurrency, int seconds)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var body = "{\"text\": " + System.Text.Json.JsonSerializer.Serialize(Reviews.Short) + "}";
        var deadline = Stopwatch.StartNew();
        var latencies = new List<double>[concurrency];
        var failures = new long[concurrency];
        var workers = Enumerable.Range(0, concurrency).Select(async worker =>
        {
            latencies[worker] = [];
            while (deadline.Elapsed.TotalSeconds < seconds)
            {
                var clock = Stopwatch.StartNew();
                using var content = new StringContent(body, Encoding.UTF8, "application/json");
                using var response = await client.PostAsync(url + "/api/predict", content).ConfigureAwait(false);
                await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                latencies[worker].Add(clock.Elapsed.TotalMilliseconds);
                failures[worker] += response.IsSuccessStatusCode ? 0 : 1;
            }
        }).ToArray();
        await Task.WhenAll(workers).ConfigureAwait(false);
        var elapsed = deadline.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).ToArray();
        return new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["requests_per_second"] = Math.Round(all.Length / elapsed, 1),
            ["requests"] = all.Length,
            ["non_2xx_responses"] = failures.Sum(),
            ["p50_ms"] = Stats.Round(Stats.Percentile(all, 50)),
            ["p75_ms"] = Stats.Round(Stats.Percentile(all, 75)),
            ["p90_ms"] = Stats.Round(Stats.Percentile(all, 90)),
            ["p99_ms"] = Stats.Round(Stats.Percentile(all, 99)),
            ["mean_ms"] = Stats.Round(all.Average()),
            ["max_ms"] = Stats.Round(all.Max()),
        };
    }

    private static double ToMilliseconds(string value, string unit) =>
        double.Parse(value, CultureInfo.InvariantCulture) * unit switch
        {
            "us" => 0.001,
            "ms" => 1,
            "s" => 1000,
            "m" => 60_000,
            _ => throw new FormatException($"unknown wrk time unit '{unit}'"),
        };

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);

    [GeneratedRegex(@"Requests/sec:\s+([0-9.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"([0-9]+) requests in")]
    private static partial Regex RequestCount();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+([0-9]+)")]
    private static partial Regex NonSuccess();

    [GeneratedRegex(@"Socket errors:(.*)")]
    private static partial Regex SocketErrors();

    [GeneratedRegex(@"^\s+([0-9]+)%\s+([0-9.]+)(us|ms|s|m)\s*$", RegexOptions.Multiline)]
    private static partial Regex LatencyPercentile();

    [GeneratedRegex(@"Latency\s+([0-9.]+)(us|ms|s|m)\s+[0-9.]+(?:us|ms|s|m)\s+([0-9.]+)(us|ms|s|m)")]
    private static partial Regex MeanLatency();
}
