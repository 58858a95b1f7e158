using System.Reflection;
using ImdbSentiment.Cli.Commands;
using ImdbSentiment.Cli.Internal;
using Spectre.Console.Cli;

namespace ImdbSentiment.Cli;

/// <summary>Builds the <c>sentiment</c> command tree.</summary>
internal static class SentimentApp
{
    public static int Run(string[] args, TextWriter stderr)
    {
        var app = new CommandApp();
        var verbose = args.Contains("--verbose");
        app.Configure(config =>
        {
            config.SetApplicationName("sentiment");
            config.UseStrictParsing();
            config.SetApplicationVersion(Version);
            config.SetExceptionHandler((exception, _) => ErrorHandler.Handle(exception, stderr, verbose));
            config.AddCommand<DoctorCommand>("doctor")
                .WithExample("doctor");
        });
        return app.Run(args);
    }

    public static string Version =>
        typeof(SentimentApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";
}
