using ImdbSentiment.Batching;
using ImdbSentiment.Data;
using ImdbSentiment.Vocabulary;

namespace ImdbSentiment.Pipeline;

/// <summary>The corpus split, tokenized once and encoded with its vocabulary.</summary>
/// <param name="Vocabulary">Built on the training split (or given).</param>
/// <param name="Split">The train/validation split of the original training reviews.</param>
/// <param name="Test">The test reviews (possibly limited).</param>
/// <param name="Train">Encoded training split.</param>
/// <param name="Validation">Encoded validation split.</param>
/// <param name="EncodedTest">Encoded test reviews.</param>
/// <param name="TrainTokens">Tokens per review over the training split.</param>
/// <param name="Seconds">Wall time of tokenizing, counting and encoding.</param>
public sealed record PreparedCorpus(
    TokenVocabulary Vocabulary,
    DatasetSplit Split,
    IReadOnlyList<Review> Test,
    IReadOnlyList<EncodedReview> Train,
    IReadOnlyList<EncodedReview> Validation,
    IReadOnlyList<EncodedReview> EncodedTest,
    TokenStatistics TrainTokens,
    double Seconds);
