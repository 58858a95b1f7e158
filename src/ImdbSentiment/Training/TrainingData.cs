using ImdbSentiment.Batching;
using ImdbSentiment.Persistence;
using ImdbSentiment.Vocabulary;

namespace ImdbSentiment.Training;

/// <summary>Encoded training and validation reviews with the vocabulary that encoded them.</summary>
/// <param name="Vocabulary">The vocabulary.</param>
/// <param name="Train">The training split.</param>
/// <param name="Validation">The validation split.</param>
/// <param name="Info">Where they came from.</param>
public sealed record TrainingData(
    TokenVocabulary Vocabulary, IReadOnlyList<EncodedReview> Train, IReadOnlyList<EncodedReview> Validation, DataInfo Info);
