using ImdbSentiment.Batching;
using ImdbSentiment.Datasets;
using ImdbSentiment.Vocabulary;

namespace ImdbSentiment.Pipeline;

/// <summary>A split dataset, tokenized once and encoded with its vocabulary.</summary>
/// <param name="Vocabulary">Built on the training part (or given).</param>
/// <param name="Dataset">The rows and class names the encodings come from.</param>
/// <param name="Train">Encoded training part.</param>
/// <param name="Validation">Encoded validation part.</param>
/// <param name="EncodedTest">Encoded test part.</param>
/// <param name="TrainTokens">Tokens per row over the training part.</param>
/// <param name="Seconds">Wall time of tokenizing, counting and encoding.</param>
public sealed record PreparedCorpus(
    TokenVocabulary Vocabulary,
    LabeledDataset Dataset,
    IReadOnlyList<EncodedReview> Train,
    IReadOnlyList<EncodedReview> Validation,
    IReadOnlyList<EncodedReview> EncodedTest,
    TokenStatistics TrainTokens,
    double Seconds);
