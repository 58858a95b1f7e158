using ImdbSentiment.Batching;
using ImdbSentiment.Models;
using ImdbSentiment.Persistence;
using ImdbSentiment.Tests.Fixtures;
using ImdbSentiment.Training;

namespace ImdbSentiment.Tests.Training;

/// <summary>Pretraining through the trainer: texts in which each word fixes its neighbours, so both directions can learn them.</summary>
[Collection(TorchCollection.Name)]
public sealed class LanguageModelTrainingTests
{
    [Fact]
    public void Should_learn_next_and_previous_words_and_report_held_out_perplexity()
    {
        using var run = new TempFolder();

        var result = Trainer.Train(Request(run.Path, epochs: 6));

        // Perplexity e^loss starts near the 18 words' uniform 18 and ends near 1 (each word fixes its neighbours)
        var first = result.History[0];
        var last = result.History[^1];
        Assert.True(Math.Exp(last.ValidationLoss) < 2, $"held-out perplexity {Math.Exp(last.ValidationLoss):F2}");
        Assert.True(last.ValidationAccuracy > 0.9, $"next word exact {last.ValidationAccuracy:P1}");
        Assert.True(last.TrainLoss < first.TrainLoss, "the reported training loss did not fall");
        var bundle = ModelBundle.Load(result.ModelPath);
        Assert.Equal(ModelKind.LanguageModel, bundle.Manifest.Model.Kind);
        Assert.Equal(result.History.MinBy(h => h.ValidationLoss)!.Epoch, bundle.Manifest.BestEpoch);
    }

    [Fact]
    public void A_run_stopped_within_an_epoch_should_resume_and_end_as_an_uninterrupted_one()
    {
        // The sampled words come from torch's generator, whose state the checkpoint keeps.
        using var uninterrupted = new TempFolder();
        using var interrupted = new TempFolder();
        var expected = Trainer.Train(Request(uninterrupted.Path, epochs: 2));

        using var cancel = new CancellationTokenSource();
        var progress = new SynchronousProgress<TrainingProgress>(p =>
        {
            if (p.Phase == "train" && p.Epoch == 2 && p.Batch == 3)
            {
                cancel.Cancel();
            }
        });
        var everyBatch = Request(interrupted.Path, epochs: 2) with { CheckpointInterval = TimeSpan.FromTicks(1) };
        Assert.Throws<OperationCanceledException>(() => Trainer.Train(everyBatch, progress, cancellationToken: cancel.Token));
        var checkpoint = ModelBundle.Load(Path.Combine(interrupted.Path, TrainingRun.CheckpointFileName));
        Assert.Equal(3, checkpoint.Manifest.Resume!.InEpoch!.Batches);

        var resumed = Trainer.Train(everyBatch with { ResumeFrom = checkpoint });

        Assert.Equal(
            expected.History.Select(h => (h.Epoch, Math.Round(h.TrainLoss, 4), Math.Round(h.ValidationLoss, 4), Math.Round(h.ValidationAccuracy, 4))),
            resumed.History.Select(h => (h.Epoch, Math.Round(h.TrainLoss, 4), Math.Round(h.ValidationLoss, 4), Math.Round(h.ValidationAccuracy, 4))));
    }

    [Fact]
    public void A_language_model_should_be_refused_as_a_bfloat16_run()
    {
        using var run = new TempFolder();
        var request = Request(run.Path, epochs: 1);

        var error = Assert.Throws<ArgumentException>(() => Trainer.Train(request with { Training = request.Training with { Precision = Precision.BFloat16 } }));

        Assert.StartsWith("a language model trains in fp32 only", error.Message, StringComparison.Ordinal);
    }

    private static TrainingRequest Request(string folder, int epochs) =>
        new("tiny-pretrain", new ModelOptions(ModelKind.LanguageModel, SyntheticData.Vocabulary.Count, EmbeddingDim: 8, HiddenDim: 16, Layers: 1, Dropout: 0),
            SyntheticData.Fast(epochs) with { SampledWords = 8 }, new TokenizerInfo("test", true),
            new TrainingData(SyntheticData.Vocabulary, Texts(256, 1), Texts(64, 2), new DataInfo(null, 256, 64, "synthetic")), folder);

    // Words w2..w19 in a cycle: each text starts anywhere and runs on, so a word's successor and predecessor are fixed.
    private static IReadOnlyList<EncodedReview> Texts(int count, ulong seed)
    {
        var random = new DeterministicRandom(seed);
        return Enumerable.Range(0, count).Select(_ =>
        {
            var start = random.NextInt(18);
            return new EncodedReview(Enumerable.Range(0, 5 + random.NextInt(10)).Select(t => 2 + (start + t) % 18).ToArray(), 0);
        }).ToArray();
    }
}
