using ImdbSentiment.Cli.Internal;
using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ImdbSentiment.Cli.Commands;

internal sealed class ExportSettings : CommonSettings
{
    [CommandOption("--model <PATH>")]
    [Description("The model bundle to export (default: IMDB_SENTIMENT_MODEL or the bundled pretrained model).")]
    public string? Model { get; init; }

    [CommandOption("--format <FORMAT>")]
    [Description("The target format; only 'pytorch' (a torch.save state_dict) so far.")]
    public string? Format { get; init; }

    [CommandOption("--out <FILE>")]
    [Description("The state_dict to write, e.g. model.pt; FILE's stem + .vocab.json and + .config.json go beside it.")]
    public string? Out { get; init; }

    public override ValidationResult Validate()
    {
        if (OptionChecks.InteropFormat(Format) is { } badFormat)
        {
            return badFormat;
        }

        if (string.IsNullOrWhiteSpace(Out))
        {
            return ValidationResult.Error("--out FILE is required, e.g. --out model.pt");
        }

        return OptionChecks.OutputFile(Out, "model.pt") ?? ValidationResult.Success();
    }
}
