using System.ComponentModel;
using Spectre.Console.Cli;

namespace ImdbSentiment.Cli.Commands;

internal sealed class TokenizeSettings : CommonSettings
{
    [CommandArgument(0, "[TEXT]")]
    [Description("Texts to tokenize; without any, each stdin line is one text.")]
    public string[] Texts { get; init; } = [];

    [CommandOption("--json")]
    [Description("Print one JSON array of token strings per text (spaCy's [[t.text for t in doc]]).")]
    public bool Json { get; init; }

    [CommandOption("--jsonl-input")]
    [Description("Each stdin line is a JSON string (so texts may contain newlines).")]
    public bool JsonLinesInput { get; init; }

    [CommandOption("--normalize-br")]
    [Description("Treat <br /> tags as whitespace (off by default: spaCy parity).")]
    public bool NormalizeLineBreaks { get; init; }
}
