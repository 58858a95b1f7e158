namespace ImdbSentiment.Inference;

/// <summary>What a predictor's model is, as far as its file tells (never its path on disk).</summary>
/// <param name="Engine">What runs it: <c>libtorch</c> or <c>onnxruntime</c>.</param>
/// <param name="Preset">The preset it was trained with.</param>
/// <param name="Architecture">Its network in one line.</param>
/// <param name="VocabularySize">Tokens in its vocabulary.</param>
/// <param name="Labels">Its class names in output order.</param>
/// <param name="BestEpoch">The epoch it was kept from, when the file records it.</param>
/// <param name="CreatedUtc">When it was trained, when the file records it.</param>
public sealed record ModelDescription(
    string Engine,
    string Preset,
    string Architecture,
    int VocabularySize,
    IReadOnlyList<string> Labels,
    int? BestEpoch,
    DateTimeOffset? CreatedUtc)
{
    /// <summary>The libtorch engine's name.</summary>
    public const string LibTorch = "libtorch";

    /// <summary>The ONNX Runtime engine's name.</summary>
    public const string OnnxRuntime = "onnxruntime";
}
