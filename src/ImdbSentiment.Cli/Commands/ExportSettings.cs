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
    [Description("The target format: 'pytorch' (a torch.save state_dict, the vocabulary and the architecture as JSON) or 'onnx' (an ONNX graph with dynamic batch and length, and the vocabulary).")]
    public string? Format { get; init; }

    [CommandOption("--out <FILE>")]
    [Description("The file to write: model.pt (pytorch; FILE's stem + .vocab.json and + .config.json go beside it) or model.onnx (onnx; + .vocab.json beside it).")]
    public string? Out { get; init; }

    [CommandOption("--quantize <TYPE>")]
    [Description("With --format onnx: 'int8' stores the weight matrices as int8 (one scale per row), about a quarter of the size; the graph still computes in fp32.")]
    public string? Quantize { get; init; }

    private string Example => Format == "onnx" ? "model.onnx" : "model.pt";

    public override ValidationResult Validate()
    {
        if (OptionChecks.InteropFormat(Format, "pytorch", "onnx") is { } badFormat)
        {
            return badFormat;
        }

        if (Quantize is not null && Quantize != "int8")
        {
            return ValidationResult.Error("--quantize must be int8");
        }

        if (Quantize is not null && Format != "onnx")
        {
            return ValidationResult.Error("--quantize goes with --format onnx");
        }

        if (string.IsNullOrWhiteSpace(Out))
        {
            return ValidationResult.Error($"--out FILE is required, e.g. --out {Example}");
        }

        return OptionChecks.OutputFile(Out, Example) ?? ValidationResult.Success();
    }
}
