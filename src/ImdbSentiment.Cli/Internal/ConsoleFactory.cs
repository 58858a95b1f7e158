using Spectre.Console;

namespace ImdbSentiment.Cli.Internal;

/// <summary>Consoles for human output: stdout for results, stderr for status, progress only on a terminal.</summary>
internal static class ConsoleFactory
{
    public static IAnsiConsole Stdout { get; } = Create(Console.Out, Console.IsOutputRedirected);

    public static IAnsiConsole Stderr { get; } = Create(Console.Error, Console.IsErrorRedirected);

    public static bool StderrIsTerminal => !Console.IsErrorRedirected;

    private static IAnsiConsole Create(TextWriter writer, bool redirected)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = redirected || Environment.GetEnvironmentVariable("NO_COLOR") is { Length: > 0 } ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = redirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = redirected ? InteractionSupport.No : InteractionSupport.Detect,
        });
        if (redirected)
        {
            // Logs and pipes have no width; don't wrap lines at Spectre's default of 80 columns.
            console.Profile.Width = 400;
        }

        return console;
    }
}
