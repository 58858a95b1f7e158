using System.ComponentModel;
using System.Text.Json;
using ImdbSentiment.Cli.Internal;
using ImdbSentiment.Text;
using Spectre.Console.Cli;

namespace ImdbSentiment.Cli.Commands;

[Description("Tokenize texts exactly as spaCy's English tokenizer does.")]
internal sealed class TokenizeCommand(CliConsole console) : Command<TokenizeSettings>
{
    public override int Execute(CommandContext context, TokenizeSettings settings, CancellationToken cancellationToken)
    {
        var tokenizer = settings.NormalizeLineBreaks ? new SpacyTokenizer(new TokenizerOptions(NormalizeLineBreakTags: true)) : SpacyTokenizer.English;
        var stdout = console.OutWriter;
        foreach (var text in InputLines.Read(settings.Texts, inputFile: null, settings.JsonLinesInput, console))
        {
            var tokens = tokenizer.TokenizeToStrings(text);
            stdout.WriteLine(settings.Json
                ? Json.Serialize(tokens)
                : string.Join(" | ", tokens.Select(t => t.Any(char.IsWhiteSpace) || t.Length == 0 ? JsonSerializer.Serialize(t, Json.Compact) : t)));
        }

        return ExitCodes.Success;
    }
}
