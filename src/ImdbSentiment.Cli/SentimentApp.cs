using System.Reflection;
using ImdbSentiment.Cli.Commands;
using ImdbSentiment.Cli.Internal;
using Spectre.Console.Cli;

namespace ImdbSentiment.Cli;

/// <summary>Builds the <c>sentiment</c> command tree.</summary>
internal static class SentimentApp
{
    public static int Run(string[] args, CliConsole console)
    {
        var app = new CommandApp();
        app.Configure(config => Configure(config, console, verbose: args.Contains("--verbose")));
        return app.Run(args);
    }

    /// <summary>
    /// The commands, their examples and the one exception policy, on any command app (the process's or a test's):
    /// commands receive <paramref name="console"/>, and errors go to its stderr, with a trace when <paramref name="verbose"/>.
    /// </summary>
    public static void Configure(IConfigurator config, CliConsole console, bool verbose)
    {
        config.Settings.Registrar.RegisterInstance(console);
        config.SetApplicationName("sentiment");
        config.UseStrictParsing();
        config.SetApplicationVersion(Version);
        config.SetExceptionHandler((exception, _) => ErrorHandler.Handle(exception, console.ErrorWriter, verbose));
        config.AddCommand<DataCommand>("data")
            .WithExample("data")
            .WithExample("data", "--data", "aclImdb_v1.tar.gz", "--min-freq", "10", "--json");
        config.AddCommand<TokenizeCommand>("tokenize")
            .WithExample("tokenize", "\"I didn't like it.<br /><br />It's a 10/10 film\"")
            .WithExample("tokenize", "--json", "--jsonl-input", "<", "reviews.jsonl");
        config.AddCommand<TrainCommand>("train")
            .WithExample("train", "--preset", "seed-gru")
            .WithExample("train", "--preset", "best", "--out", "runs/best", "--threads", "2")
            .WithExample("train", "--preset", "seed-rnn", "--limit", "2000", "--epochs", "2")
            .WithExample("train", "--preset", "nbsvm", "--teacher", "models/sentiment.bundle", "--out", "runs/nbsvm-self")
            .WithExample("train", "--resume", "runs/best");
        config.AddCommand<PretrainCommand>("pretrain")
            .WithExample("pretrain", "--out", "runs/pretrain")
            .WithExample("pretrain", "--resume", "runs/pretrain");
        config.AddCommand<EvaluateCommand>("evaluate")
            .WithExample("evaluate", "--model", "runs/best/model.bundle")
            .WithExample("evaluate", "--model", "runs/best/model.bundle", "--split", "validation", "--json", "--plots", "runs/best/plots");
        config.AddCommand<CalibrateCommand>("calibrate")
            .WithExample("calibrate", "--model", "models/bigru.bundle", "--out", "bigru-calibrated.bundle");
        config.AddCommand<EnsembleCommand>("ensemble")
            .WithExample("ensemble", "--member", "runs/nbsvm/model.bundle", "--member", "runs/best/model.bundle", "--out", "runs/ensemble.bundle");
        config.AddCommand<UnpackCommand>("unpack")
            .WithExample("unpack", "--model", "models/sentiment.bundle", "--out", "runs/members");
        config.AddCommand<PredictCommand>("predict")
            .WithExample("predict", "\"This movie is terrible\"", "\"Greatest film ever!\"")
            .WithExample("predict", "--json", "--input", "reviews.txt")
            .WithExample("predict", "--model", "runs/best/model.bundle", "--jsonl", "--json", "<", "reviews.jsonl")
            .WithExample("predict", "--model", "deploy/model.onnx", "--timings", "\"This movie is terrible\"");
        config.AddCommand<ServeCommand>("serve")
            .WithExample("serve")
            .WithExample("serve", "--model", "runs/best/model.bundle", "--urls", "http://127.0.0.1:8080", "--threads", "2")
            .WithExample("serve", "--model", "deploy/model.onnx", "--urls", "http://0.0.0.0:8080", "--drain-seconds", "10");
        config.AddCommand<InfoCommand>("info")
            .WithExample("info", "--model", "runs/best/model.bundle")
            .WithExample("info", "--preset", "seed-gru", "--vocab-size", "18961", "--json");
        config.AddCommand<ExportCommand>("export")
            .WithExample("export", "--model", "runs/best/model.bundle", "--format", "pytorch", "--out", "export/model.pt")
            .WithExample("export", "--model", "runs/best/model.bundle", "--format", "onnx", "--out", "deploy/model.onnx")
            .WithExample("export", "--model", "runs/best/model.bundle", "--format", "onnx", "--quantize", "int8", "--out", "deploy/model-int8.onnx");
        config.AddCommand<ImportCommand>("import")
            .WithExample("import", "--format", "pytorch", "--state-dict", "model.pt", "--vocab", "vocab.json", "--preset", "seed-gru", "--out", "imported.bundle");
        config.AddCommand<DoctorCommand>("doctor")
            .WithExample("doctor");
    }

    public static string Version =>
        typeof(SentimentApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";
}
