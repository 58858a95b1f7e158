using ImdbSentiment.Data;
using ImdbSentiment.Datasets;
using ImdbSentiment.Text;
using ImdbSentiment.Vocabulary;

namespace ImdbSentiment.Pipeline;

/// <summary>How to turn the corpus into encoded splits.</summary>
/// <param name="MinFrequency">The vocabulary's minimum token frequency (over the training split).</param>
/// <param name="Seed">Seeds the train/validation split (and the subset taken by <paramref name="Limit"/>).</param>
/// <param name="TrainFraction">The training share of the original training reviews.</param>
/// <param name="Limit">Use at most this many reviews from each of the original train and test sets (a seeded, balanced-in-expectation subset), for quick runs.</param>
/// <param name="Tokenizer">Tokenizer options.</param>
/// <param name="Vocabulary">An existing vocabulary to encode with (when resuming or evaluating); null builds one.</param>
/// <param name="Labeling">Which IMDb labels the reviews carry (sentiment, or star ratings); ignored for other datasets.</param>
/// <param name="ExtraTraining">
/// Rows added after the training split's own (pseudo-labeled reviews from <see cref="PseudoLabeling"/>, say): the model
/// trains on them and the vocabulary counts their words; validation and test stay as they are.
/// </param>
public sealed record PreparationOptions(
    int MinFrequency = 10,
    ulong Seed = 1234,
    double TrainFraction = 0.7,
    int? Limit = null,
    TokenizerOptions? Tokenizer = null,
    TokenVocabulary? Vocabulary = null,
    ImdbLabeling Labeling = ImdbLabeling.Sentiment,
    IReadOnlyList<LabeledText>? ExtraTraining = null);
