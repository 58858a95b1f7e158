namespace ImdbSentiment.Cli.Commands;

/// <summary>What runs a model for predict and serve.</summary>
internal enum Engine
{
    /// <summary>By the model file: ONNX Runtime for <c>.onnx</c>, libtorch for a bundle.</summary>
    Auto,

    /// <summary>libtorch, through TorchSharp: model bundles.</summary>
    LibTorch,

    /// <summary>ONNX Runtime: models exported with <c>export --format onnx</c>.</summary>
    Onnx,
}

/// <summary>The <c>--engine</c> option's spelling.</summary>
internal static class EngineOption
{
    public const string Invalid = "--engine must be auto, libtorch or onnx";

    /// <summary>The engine named by <paramref name="text"/>, or null if it names none.</summary>
    public static Engine? Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "auto" => Engine.Auto,
        "libtorch" or "torch" => Engine.LibTorch,
        "onnx" or "onnxruntime" => Engine.Onnx,
        _ => null,
    };
}
