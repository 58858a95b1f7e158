using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ImdbSentiment.Cli.Commands;

internal sealed class ServeSettings : PredictorSettings
{
    [CommandOption("--urls <URLS>")]
    [Description("Where to listen, ';'-separated (default http://127.0.0.1:5080, loopback only; port 0 picks a free port).")]
    public string? Urls { get; init; }

    [CommandOption("--threads <N>")]
    // One libtorch thread by default: requests arrive while a batch is scored, and a second libtorch thread would take
    // the core that Kestrel needs to accept them; one thread gave more requests a second and a far lower p99
    // (docs/benchmarks.md, serve).
    [Description("Threads for one forward pass, libtorch's or ONNX Runtime's (default 1, which leaves a core for the HTTP server).")]
    [DefaultValue(1)]
    public int Threads { get; init; } = 1;

    [CommandOption("--max-batch <N>")]
    [Description("Texts scored together in one forward pass (default 64).")]
    [DefaultValue(64)]
    public int MaxBatch { get; init; } = 64;

    [CommandOption("--batch-window-ms <N>")]
    [Description("How long to wait for more requests to batch with the first (default 2).")]
    [DefaultValue(2)]
    public int BatchWindowMs { get; init; } = 2;

    [CommandOption("--queue-capacity <N>")]
    [Description("Requests that may wait for the model; beyond that the answer is 503 (default 256).")]
    [DefaultValue(256)]
    public int QueueCapacity { get; init; } = 256;

    [CommandOption("--max-text-chars <N>")]
    [Description("The longest text accepted, in characters (default 100000).")]
    [DefaultValue(100_000)]
    public int MaxTextChars { get; init; } = 100_000;

    [CommandOption("--max-texts <N>")]
    [Description("The most texts one request may carry (default 256).")]
    [DefaultValue(256)]
    public int MaxTexts { get; init; } = 256;

    [CommandOption("--drain-seconds <N>")]
    [Description("On SIGTERM, keep serving N seconds with /readyz answering 503, so a load balancer stops sending first (default 0).")]
    [DefaultValue(0)]
    public int DrainSeconds { get; init; }

    [CommandOption("--log-requests")]
    [Description("Log one line per request on stderr (by default only failures are logged).")]
    public bool LogRequests { get; init; }

    public IReadOnlyList<string> UrlList =>
        (Urls ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public override ValidationResult Validate()
    {
        if (Threads < 1)
        {
            return ValidationResult.Error("--threads must be ≥ 1");
        }

        if (base.Validate() is { Successful: false } precision)
        {
            return precision;
        }

        if (MaxBatch < 1)
        {
            return ValidationResult.Error("--max-batch must be ≥ 1");
        }

        if (BatchWindowMs < 0)
        {
            return ValidationResult.Error("--batch-window-ms must be ≥ 0");
        }

        if (QueueCapacity < 1)
        {
            return ValidationResult.Error("--queue-capacity must be ≥ 1");
        }

        if (MaxTextChars < 1)
        {
            return ValidationResult.Error("--max-text-chars must be ≥ 1");
        }

        if (MaxTexts < 1)
        {
            return ValidationResult.Error("--max-texts must be ≥ 1");
        }

        if (DrainSeconds is < 0 or > 3600)
        {
            return ValidationResult.Error("--drain-seconds must be between 0 and 3600");
        }

        if (Urls is not null && UrlList.Count == 0)
        {
            return ValidationResult.Error("--urls must name at least one URL");
        }

        foreach (var url in UrlList)
        {
            if (!Uri.TryCreate(url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal),
                    UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp || uri.AbsolutePath != "/")
            {
                return ValidationResult.Error($"--urls: '{url}' is not an http://HOST:PORT URL (serve speaks plain HTTP; put TLS in a reverse proxy)");
            }
        }

        return ValidationResult.Success();
    }
}
