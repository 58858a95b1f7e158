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

    [CommandOption("--labels <NAMES>")]
    [Description("The class names in output order, comma-separated, for weights with one output per class (e.g. bad,fine,great); default: a binary sentiment model (neg,pos; one logit).")]
    public string? Labels { get; init; }

    /// <summary>The class names <c>--labels</c> gives, or null.</summary>
    public IReadOnlyList<string>? LabelList() => Labels?.Split(',', StringSplitOptions.TrimEntries);

    [CommandOption("--out <FILE>")]
    [Description("The model bundle to write.")]
    public string? Out { get; init; }

    public override ValidationResult Validate()
    {
        if (OptionChecks.InteropFormat(Format, "pytorch") is { } badFormat)
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

        if (LabelList() is { } labels && (labels.Count < 2 || labels.Any(string.IsNullOrEmpty) || labels.Distinct(StringComparer.Ordinal).Count() != labels.Count))
        {
            return ValidationResult.Error("--labels must name at least two distinct classes, comma-separated");
        }

        return string.IsNullOrWhiteSpace(Out)
            ? ValidationResult.Error("--out FILE is required")
            : OptionChecks.OutputFile(Out, "model.bundle") ?? ValidationResult.Success();
    }
}
