using ImdbSentiment.Cli.Serving;
using ImdbSentiment.Inference;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ImdbSentiment.Tests.Serving;

/// <summary>The real server pipeline on an in-memory TestServer, or on Kestrel at a free loopback port.</summary>
internal sealed class InProcessServer : IAsyncDisposable
{
    private InProcessServer(WebApplication app, HttpClient client)
    {
        App = app;
        Client = client;
    }

    public WebApplication App { get; }

    public HttpClient Client { get; }

    public InferenceQueue Queue => App.Services.GetRequiredService<InferenceQueue>();

    public static async Task<InProcessServer> StartAsync(ISentimentPredictor predictor, ServeOptions? options = null, ServerHooks? hooks = null)
    {
        var withTestServer = (hooks ?? new ServerHooks()) with { ConfigureWebHost = web => web.UseTestServer() };
        var app = SentimentServer.Build(options ?? new ServeOptions(), predictor, urls: null, withTestServer);
        await app.StartAsync();
        return new InProcessServer(app, app.GetTestClient());
    }

    public static async Task<InProcessServer> StartKestrelAsync(ISentimentPredictor predictor, ServeOptions? options = null, ServerHooks? hooks = null)
    {
        var app = SentimentServer.Build(options ?? new ServeOptions(), predictor, ["http://127.0.0.1:0"], hooks);
        await app.StartAsync();
        return new InProcessServer(app, new HttpClient { BaseAddress = new Uri(app.Urls.First()) });
    }

    public Uri BaseAddress => Client.BaseAddress!;

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
