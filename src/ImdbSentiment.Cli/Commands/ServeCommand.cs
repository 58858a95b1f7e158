using System.ComponentModel;
using ImdbSentiment.Cli.Internal;
using ImdbSentiment.Cli.Serving;
using Spectre.Console.Cli;

namespace ImdbSentiment.Cli.Commands;

[Description("Serve a model over HTTP: POST /api/predict, GET /healthz (live), /readyz (taking traffic), /metrics (Prometheus), and a page at / to try it. Stops on Ctrl+C or SIGTERM, draining first.")]
internal sealed class ServeCommand(CliConsole console) : Command<ServeSettings>
{
    public override int Execute(CommandContext context, ServeSettings settings, CancellationToken cancellationToken)
    {
        var modelPath = ModelLocator.Resolve(settings.Model);
        var options = new ServeOptions(
            MaxBatch: settings.MaxBatch,
            BatchWindow: TimeSpan.FromMilliseconds(settings.BatchWindowMs),
            QueueCapacity: settings.QueueCapacity,
            MaxTextChars: settings.MaxTextChars,
            MaxTexts: settings.MaxTexts,
            LogRequests: settings.LogRequests,
            DrainDelay: TimeSpan.FromSeconds(settings.DrainSeconds));
        using var predictor = PredictorLoader.Load(modelPath, EngineOption.Parse(settings.Engine)!.Value, settings.ModelPrecision, settings.Threads);
        using var app = SentimentServer.Build(options, predictor, settings.UrlList);
        var stdout = console.OutWriter;
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            stdout.WriteLine($"sentiment serve: listening on {string.Join(", ", app.Urls)} with model {modelPath} " +
                             $"({predictor.Model.Preset}, {predictor.Model.Engine}); Ctrl+C stops");
            stdout.Flush();
        });
        app.Lifetime.ApplicationStopping.Register(() => console.ErrorWriter.WriteLine("sentiment serve: stopping"));

        // Returns once Ctrl+C or SIGTERM has let the requests in flight finish and the inference worker drain;
        // then the app (and its worker) and the model are disposed, in that order.
        app.Run();
        return ExitCodes.Success;
    }
}
