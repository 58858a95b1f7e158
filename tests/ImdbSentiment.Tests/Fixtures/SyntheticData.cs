using ImdbSentiment.Batching;
using ImdbSentiment.Models;
using ImdbSentiment.Persistence;
using ImdbSentiment.Training;
using ImdbSentiment.Vocabulary;

namespace ImdbSentiment.Tests.Fixtures;

/// <summary>Tiny encoded "reviews" with a learnable rule: positive exactly when token 5 occurs.</summary>
public static class SyntheticData
{
    public static TokenVocabulary Vocabulary { get; } =
        TokenVocabulary.FromTokens(["<unk>", "<PAD>", .. Enumerable.Range(2, 18).Select(i => $"w{i}")]);

    public static IReadOnlyList<EncodedReview> Reviews(int count, ulong seed)
    {
        var random = new DeterministicRandom(seed);
        var reviews = new List<EncodedReview>(count);
        for (var i = 0; i < count; i++)
        {
            var positive = i % 2 == 0;
            var length = 3 + random.NextInt(10);
            var ids = new int[length];
            for (var t = 0; t < length; t++)
            {
                var id = 2 + random.NextInt(17);
                ids[t] = id >= 5 ? id + 1 : id;
            }

            if (positive)
            {
                ids[random.NextInt(length)] = 5;
            }

            reviews.Add(new EncodedReview(ids, positive ? 1 : 0));
        }

        return reviews;
    }

    /// <summary>Three classes: the class is which of tokens 5, 6 and 7 the review holds (exactly one of them).</summary>
    public static IReadOnlyList<EncodedReview> ThreeClassReviews(int count, ulong seed)
    {
        var random = new DeterministicRandom(seed);
        var reviews = new List<EncodedReview>(count);
        for (var i = 0; i < count; i++)
        {
            var label = i % 3;
            var length = 3 + random.NextInt(10);
            var ids = new int[length];
            for (var t = 0; t < length; t++)
            {
                var id = 2 + random.NextInt(15);
                ids[t] = id >= 5 ? id + 3 : id;
            }

            ids[random.NextInt(length)] = 5 + label;
            reviews.Add(new EncodedReview(ids, label));
        }

        return reviews;
    }

    /// <summary>The three-class task, labeled <c>a</c>, <c>b</c>, <c>c</c>.</summary>
    public static TrainingData ThreeClassData(int train = 384, int validation = 192) =>
        new(Vocabulary, ThreeClassReviews(train, 1), ThreeClassReviews(validation, 2), new DataInfo(null, train, validation, "synthetic", Labels: ["a", "b", "c"]));

    public static TrainingData Data(int train = 256, int validation = 128) =>
        new(Vocabulary, Reviews(train, 1), Reviews(validation, 2), new DataInfo(null, train, validation, "synthetic"));

    public static ModelOptions TinyGru => new(ModelKind.Recurrent, Vocabulary.Count, EmbeddingDim: 8, HiddenDim: 12, Layers: 1, Dropout: 0.1);

    public static TrainingOptions Fast(int epochs = 3) =>
        new(Epochs: epochs, LearningRate: 0.02, BatchSize: 16, Seed: 7, Threads: 1, EvaluationBatchSize: 64);

    public static TrainingRequest Request(string runFolder, int epochs = 3, ModelOptions? model = null, TrainingOptions? training = null) =>
        new("tiny", model ?? TinyGru, training ?? Fast(epochs), new TokenizerInfo("test", false), Data(), runFolder);
}
