using Spectre.Console;

namespace ImdbSentiment.Cli.Internal;

/// <summary>
/// Where a command reads and writes: consoles for human output (results on <see cref="Out"/>, status and progress on
/// <see cref="Error"/>), the raw writers under them for machine output (JSON, one line per text), and stdin.
/// Commands receive it through the command app's type registrar; <see cref="FromProcess"/> is the process's own.
/// </summary>
internal sealed class CliConsole
{
    // Each made on first use, so a command that writes only JSON pays for no console it does not use.
    private readonly Lazy<IAnsiConsole> _out;
    private readonly Lazy<IAnsiConsole> _error;
    private readonly Lazy<TextReader> _in;

    /// <param name="output">Stdout.</param>
    /// <param name="error">Stderr.</param>
    /// <param name="input">Opens stdin, on first use only: the process's stdin reader is made when a command reads it.</param>
    /// <param name="outputIsTerminal">Whether stdout is a terminal; colours and width are detected only then.</param>
    /// <param name="errorIsTerminal">Whether stderr is a terminal; progress bars are drawn only then.</param>
    public CliConsole(TextWriter output, TextWriter error, Func<TextReader> input, bool outputIsTerminal, bool errorIsTerminal)
    {
        OutWriter = output;
        ErrorWriter = error;
        _in = new Lazy<TextReader>(input);
        ErrorIsTerminal = errorIsTerminal;
        _out = new Lazy<IAnsiConsole>(() => Create(output, outputIsTerminal));
        _error = new Lazy<IAnsiConsole>(() => Create(error, errorIsTerminal));
    }

    /// <summary>Human output on stdout: tables and result lines.</summary>
    public IAnsiConsole Out => _out.Value;

    /// <summary>Status and progress on stderr.</summary>
    public IAnsiConsole Error => _error.Value;

    /// <summary>Stdout as written, for machine output: no markup, no wrapping.</summary>
    public TextWriter OutWriter { get; }

    /// <summary>Stderr as written: the one-line errors and plain status lines.</summary>
    public TextWriter ErrorWriter { get; }

    /// <summary>Stdin, for commands that read texts from it.</summary>
    public TextReader In => _in.Value;

    public bool ErrorIsTerminal { get; }

    public static CliConsole FromProcess() =>
        new(Console.Out, Console.Error, () => Console.In, !Console.IsOutputRedirected, !Console.IsErrorRedirected);

    private static IAnsiConsole Create(TextWriter writer, bool terminal)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = !terminal || Environment.GetEnvironmentVariable("NO_COLOR") is { Length: > 0 } ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!terminal)
        {
            // Logs and pipes have no width; don't wrap lines at Spectre's default of 80 columns.
            console.Profile.Width = 400;
        }

        return console;
    }
}
