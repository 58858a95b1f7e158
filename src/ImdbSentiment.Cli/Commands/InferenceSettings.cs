using System.ComponentModel;
using ImdbSentiment.Models;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ImdbSentiment.Cli.Commands;

/// <summary>Options of the commands that run a trained model: evaluate, predict, serve.</summary>
internal abstract class InferenceSettings : CommonSettings
{
    [CommandOption(PrecisionOption.Template)]
    [Description("fp32 (default) or bf16: bfloat16 weights and activations, about twice as fast on CPUs with AVX-512 BF16.")]
    [DefaultValue("fp32")]
    public string Precision { get; init; } = "fp32";

    public Precision ModelPrecision => PrecisionOption.Parse(Precision) ?? Models.Precision.Float32;

    public override ValidationResult Validate() => PrecisionOption.Parse(Precision) is null
        ? ValidationResult.Error(PrecisionOption.Invalid)
        : ValidationResult.Success();
}
