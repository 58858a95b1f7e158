using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ImdbSentiment.Cli.Commands;

internal sealed class PredictSettings : PredictorSettings
{
    [CommandArgument(0, "[TEXT]")]
    [Description("Texts to score; without any, texts are read from --input or stdin, one per line.")]
    public string[] Texts { get; init; } = [];

    [CommandOption("--input <FILE>")]
    [Description("Read texts from FILE instead of stdin.")]
    public string? Input { get; init; }

    [CommandOption("--jsonl")]
    [Description("Each input line is a JSON string or an object with a \"text\" field (texts may then hold newlines).")]
    public bool JsonLines { get; init; }

    [CommandOption("--json")]
    [Description("Write one JSON object per line: {\"text\", \"probability\", \"label\", \"probabilities\"}.")]
    public bool Json { get; init; }

    [CommandOption("--threads <N>")]
    [Description("Threads for one forward pass, libtorch's or ONNX Runtime's (default 2).")]
    [DefaultValue(2)]
    public int Threads { get; init; } = 2;

    [CommandOption("--timings")]
    [Description("Print on stderr how long loading the model and scoring took.")]
    public bool Timings { get; init; }

    public override ValidationResult Validate() =>
        Threads < 1 ? ValidationResult.Error("--threads must be ≥ 1") : base.Validate();
}
