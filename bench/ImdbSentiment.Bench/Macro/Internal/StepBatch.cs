using ImdbSentiment.Batching;
using ImdbSentiment.Persistence;
using ImdbSentiment.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace ImdbSentiment.Bench.Macro.Internal;

/// <summary>
/// One training batch that every variant of a step benchmark runs on: with --data, the real training batch (batch
/// size <c>--batch</c>, default 64, from epoch 1 of the trainer's bucket sampler) whose longest review is closest to
/// <c>--steps-t</c> (default 230) tokens; without it, synthetic ids of the same shape, lengths uniform in [0.8·T, T]
/// with the longest exactly T.
/// </summary>
internal sealed class StepBatch : IDisposable
{
    private StepBatch(Batch batch, int vocabularySize, string source)
    {
        Batch = batch;
        VocabularySize = vocabularySize;
        Source = source;
    }

    public Batch Batch { get; }

    public int VocabularySize { get; }

    public string Source { get; }

    public long Steps => Batch.Tokens.shape[0];

    public static StepBatch Create(MacroOptions options)
    {
        var targetSteps = options.Int("steps-t", 230);
        var batchSize = options.Int("batch", 64);
        if (options.HasData)
        {
            var (prepared, _) = BenchCorpus.Prepare(options.DataPath!, options.OptionalInt("limit"));
            var sampler = new BucketSampler(prepared.Train.Select(e => e.Length).ToArray(), batchSize, new TrainingOptions().Seed);
            var chosen = sampler.Batches(1)
                .Where(b => b.Length == batchSize)
                .MinBy(b => Math.Abs(b.Max(i => prepared.Train[i].Length) - targetSteps))
                ?? throw new InvalidOperationException($"no full batch of {batchSize} in the training split");
            var batch = Batch.Collate(prepared.Train, chosen, Vocabulary.TokenVocabulary.PadIndex);
            return new StepBatch(batch, prepared.Vocabulary.Count,
                $"real: training batch of epoch 1 closest to T={targetSteps} (vocabulary {prepared.Vocabulary.Count})");
        }

        var vocabulary = options.Int("vocab", 19_037);
        var random = new Random(1234);
        var examples = new EncodedReview[batchSize];
        for (var b = 0; b < batchSize; b++)
        {
            var length = b == 0 ? targetSteps : random.Next((int)(targetSteps * 0.8), targetSteps + 1);
            var ids = new int[length];
            for (var t = 0; t < length; t++)
            {
                ids[t] = random.Next(2, vocabulary);
            }

            examples[b] = new EncodedReview(ids, b % 2);
        }

        var synthetic = Batch.Collate(examples, Enumerable.Range(0, batchSize).ToArray(), 1);
        return new StepBatch(synthetic, vocabulary, $"synthetic: T={targetSteps}, B={batchSize}, lengths uniform in [0.8T, T] (vocabulary {vocabulary})");
    }

    public void Dispose() => Batch.Dispose();
}
