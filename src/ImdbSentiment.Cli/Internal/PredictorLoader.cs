using ImdbSentiment.Cli.Commands;
using ImdbSentiment.Inference;
using ImdbSentiment.Models;
using ImdbSentiment.Runtime;

namespace ImdbSentiment.Cli.Internal;

/// <summary>Opens the model predict and serve score with, on the engine asked for or the one its file calls for.</summary>
internal static class PredictorLoader
{
    /// <summary>The engine a model file runs on: ONNX Runtime for <c>.onnx</c>, else libtorch.</summary>
    public static Engine Resolve(Engine asked, string modelPath) => asked != Engine.Auto
        ? asked
        : IsOnnx(modelPath) ? Engine.Onnx : Engine.LibTorch;

    /// <summary>Loads the model; libtorch is loaded (and given its threads) only when the engine is libtorch.</summary>
    /// <exception cref="UsageException">The engine and the file do not go together, or bf16 was asked of ONNX Runtime.</exception>
    public static ISentimentPredictor Load(string modelPath, Engine asked, Precision precision, int threads)
    {
        switch (Resolve(asked, modelPath))
        {
            case Engine.Onnx:
                if (!IsOnnx(modelPath))
                {
                    throw new UsageException($"--engine onnx runs an exported model; export {modelPath} first " +
                                             "(sentiment export --model BUNDLE --format onnx --out model.onnx) and pass --model model.onnx");
                }

                if (precision != Precision.Float32)
                {
                    throw new UsageException("--precision bf16 is a libtorch option; ONNX Runtime runs the exported model in fp32");
                }

                return OnnxPredictor.Load(modelPath, threads);
            default:
                if (IsOnnx(modelPath))
                {
                    throw new UsageException($"{modelPath} is an ONNX model; it runs on --engine onnx (or auto), not libtorch");
                }

                NativeRuntime.SetThreads(threads);
                return SentimentPredictor.Load(modelPath, precision, ExecutionSetting.Read(threads));
        }
    }

    private static bool IsOnnx(string modelPath) => modelPath.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase);
}
