
namespace ImdbSentiment.Cli.Serving;

/// <summary>Seams for tests: swap the server (TestServer) or hold the worker before it scores a batch.</summary>
internal sealed record ServerHooks
{
    /// <summary>Runs last on the web host builder.</summary>
    public Action<IWebHostBuilder>? ConfigureWebHost { get; init; }

    /// <summary>Runs on the inference thread before each call of the predictor, with the batch's texts.</summary>
    public Action<IReadOnlyList<string>>? BeforeScoring { get; init; }
}
