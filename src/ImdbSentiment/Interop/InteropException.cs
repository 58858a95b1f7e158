using ImdbSentiment.Models;

namespace ImdbSentiment.Interop;

/// <summary>An export or import that cannot be done, or an exported model that cannot be read: a missing file, a file that is not a state_dict or an ONNX model of ours, or weights that do not fit.</summary>
public sealed class InteropException : ImdbSentimentException
{
    private InteropException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }

    internal static InteropException NotFound(string path, string what) =>
        new($"{path}: no such {what}");

    internal static InteropException NotAStateDict(string path, string reason, Exception? inner = null) =>
        new($"{path}: not a PyTorch state_dict written by torch.save ({reason}); save it with torch.save(model.state_dict(), PATH)", inner);

    internal static InteropException MissingKey(string path, string key, IReadOnlyList<long> expected, string preset) =>
        new($"{path}: the state_dict lacks {key} (preset {preset} expects shape {Shape(expected)})");

    internal static InteropException UnexpectedKey(string path, string key, IReadOnlyList<long> shape, string preset) =>
        new($"{path}: the state_dict has {key} {Shape(shape)}, which preset {preset} has no place for; it was saved from another architecture");

    internal static InteropException ShapeMismatch(string path, string key, IReadOnlyList<long> actual, IReadOnlyList<long> expected, string preset) =>
        new($"{path}: {key} has shape {Shape(actual)} but preset {preset} expects {Shape(expected)}; pick the preset the weights were trained with");

    internal static InteropException OutputMismatch(string path, long outputs, int expected) =>
        new($"{path}: fc has {outputs} output{(outputs == 1 ? string.Empty : "s")} but {expected} {(expected == 1 ? "was" : "were")} expected; " +
            (outputs == 1 ? "a single logit is a binary model: leave out --labels or give two" : $"pass --labels with the {outputs} class names in output order"));

    internal static InteropException VocabularyMismatch(string path, string vocabularyPath, long rows, int vocabulary) =>
        new($"{path}: embedding.weight has {rows} rows but {vocabularyPath} has {vocabulary} tokens; pass the vocabulary the weights were trained with");

    internal static InteropException NotFloatingPoint(string path, string key, string dtype) =>
        new($"{path}: {key} holds {dtype} values, not floating point; the state_dict is not of a model");

    internal static InteropException NoPyTorchCounterpart(ModelKind kind) =>
        new($"PyTorch export and import cover the tutorial's recurrent models; a model of kind {kind} has no PyTorch counterpart");

    internal static InteropException NotRecurrent(string path, ModelKind kind) =>
        new($"{path}: ONNX export covers the recurrent models (seed-rnn, seed-gru, best and their like); a model of kind {kind} is not one");

    internal static InteropException NotOnnx(string path, string reason, Exception? inner = null) =>
        new($"{path}: not an ONNX model ONNX Runtime can load ({reason})", inner);

    internal static InteropException NotOurOnnx(string path, string detail) =>
        new($"{path}: not a model exported by sentiment export --format onnx (metadata: {detail}); export the model bundle again");

    internal static string Shape(IReadOnlyList<long> shape) => $"[{string.Join(", ", shape)}]";
}
