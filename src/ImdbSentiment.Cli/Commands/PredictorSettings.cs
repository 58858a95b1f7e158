using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ImdbSentiment.Cli.Commands;

/// <summary>Options of the commands that score texts with a predictor: predict and serve.</summary>
internal abstract class PredictorSettings : InferenceSettings
{
    [CommandOption("--model <PATH>")]
    [Description("The model: a bundle, or a model.onnx from export --format onnx (default: IMDB_SENTIMENT_MODEL or the bundled pretrained model).")]
    public string? Model { get; init; }

    [CommandOption("--engine <ENGINE>")]
    [Description("What runs the model: libtorch (bundles), onnx (ONNX Runtime, for .onnx files; never loads libtorch) or auto, by the file (default).")]
    [DefaultValue("auto")]
    public string Engine { get; init; } = "auto";

    public override ValidationResult Validate()
    {
        if (EngineOption.Parse(Engine) is null)
        {
            return ValidationResult.Error(EngineOption.Invalid);
        }

        return base.Validate();
    }
}
