using ImdbSentiment.Cli.Internal;
using System.ComponentModel;
using ImdbSentiment.Interop;
using ImdbSentiment.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ImdbSentiment.Cli.Commands;

internal sealed class ImportSettings : CommonSettings
{
    [CommandOption("--format <FORMAT>")]
    [Description("The source format; only 'pytorch' (a torch.save state_dict) so far.")]
    public string? Format { get; init; }

    [CommandOption("--state-dict <FILE>")]
    [Description("The state_dict saved with torch.save(model.state_dict(), FILE).")]
    public string? StateDict { get; init; }

    [CommandOption("--vocab <FILE>")]
    [Description("The vocabulary: a JSON array of tokens in id order, starting with \"<unk>\", \"<PAD>\".")]
    public string? Vocab { get; init; }

    [CommandOption("--preset <NAME>")]
    [Description("The architecture the weights have: seed-rnn, seed-gru or best.")]
    public string? Preset { get; init; }

    [CommandOption("--out <FILE>")]
    [Description("The model bundle to write.")]
    public string? Out { get; init; }

    public override ValidationResult Validate()
    {
        if (OptionChecks.InteropFormat(Format) is { } badFormat)
        {
            return badFormat;
        }

        if (string.IsNullOrWhiteSpace(StateDict))
        {
            return ValidationResult.Error("--state-dict FILE is required");
        }

        if (string.IsNullOrWhiteSpace(Vocab))
        {
            return ValidationResult.Error("--vocab FILE is required");
        }

        if (OptionChecks.Preset(Preset, Presets.All.Where(p => PyTorchStateDict.Covers(p.Model.Kind))) is { } badPreset)
        {
            return badPreset;
        }

        return string.IsNullOrWhiteSpace(Out)
            ? ValidationResult.Error("--out FILE is required")
            : OptionChecks.OutputFile(Out, "model.bundle") ?? ValidationResult.Success();
    }
}
