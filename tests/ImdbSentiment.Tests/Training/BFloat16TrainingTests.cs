using ImdbSentiment.Execution;
using ImdbSentiment.Models;
using ImdbSentiment.Persistence;
using ImdbSentiment.Tests.Fixtures;
using ImdbSentiment.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace ImdbSentiment.Tests.Training;

[Collection(TorchCollection.Name)]
public sealed class BFloat16TrainingTests
{
    private static TrainingOptions Bf16(int epochs) => SyntheticData.Fast(epochs) with { Precision = Precision.BFloat16 };

    [Fact]
    public void Replica_should_hold_the_masters_rounded_to_bfloat16_and_hand_back_its_gradients_in_fp32()
    {
        torch.manual_seed(7);
        using var master = ModelFactory.Create(SyntheticData.TinyGru);
        using var replica = BFloat16Replica.Create(master, SyntheticData.TinyGru);
        var masters = master.parameters().ToArray();
        var copies = replica.Model.parameters().ToArray();

        Assert.All(copies, p => Assert.Equal(ScalarType.BFloat16, p.dtype));
        for (var i = 0; i < masters.Length; i++)
        {
            using var rounded = masters[i].detach().to_type(ScalarType.BFloat16);
            Assert.True(rounded.allclose(copies[i], 0, 0), $"parameter {i} was not copied");
        }

        using var tokens = tensor(new long[,] { { 2, 3 }, { 4, 1 } });
        using var lengths = tensor(new long[] { 2, 1 });
        replica.Model.train();
        using (var logits = replica.Model.call(tokens, lengths))
        using (var loss = logits.to_type(ScalarType.Float32).sum())
        {
            loss.backward();
        }

        replica.PushGradients();
        var withGradient = 0;
        for (var i = 0; i < masters.Length; i++)
        {
            using var masterGradient = masters[i].grad!;
            Assert.Equal(ScalarType.Float32, masterGradient.dtype);
            using var copyGradient = copies[i].grad;
            if (copyGradient is null)
            {
                Assert.Equal(0, masterGradient.abs().sum().item<float>());
                continue;
            }

            using var widened = copyGradient.to_type(ScalarType.Float32);
            Assert.True(widened.allclose(masterGradient, 0, 0), $"gradient {i} differs");
            withGradient += widened.abs().sum().item<float>() > 0 ? 1 : 0;
        }

        Assert.True(withGradient >= masters.Length - 1, $"only {withGradient} of {masters.Length} gradients are non-zero");
    }

    [Fact]
    public void Should_learn_the_synthetic_rule_and_store_fp32_master_weights()
    {
        using var run = new TempFolder();

        var result = Trainer.Train(SyntheticData.Request(run.Path, training: Bf16(4)));

        Assert.True(result.History[^1].ValidationAccuracy >= 0.9, $"validation accuracy {result.History[^1].ValidationAccuracy:P1}");
        var best = ModelBundle.Load(result.ModelPath);
        Assert.Equal(Precision.BFloat16, best.Manifest.Training.Precision);
        using var model = best.CreateModel();
        Assert.All(model.parameters(), p => Assert.Equal(ScalarType.Float32, p.dtype));

        // Adam's small updates must reach the fp32 masters rather than vanish in bfloat16 rounding: some master weights
        // are not representable in bfloat16.
        Assert.Contains(model.parameters(), p =>
        {
            using var roundTrip = p.detach().to_type(ScalarType.BFloat16).to_type(ScalarType.Float32);
            return !roundTrip.allclose(p, 0, 0);
        });
    }

    [Fact]
    public void Should_differ_from_fp32_training_yet_be_deterministic()
    {
        using var fp32 = new TempFolder();
        using var first = new TempFolder();
        using var second = new TempFolder();

        var a = Trainer.Train(SyntheticData.Request(first.Path, training: Bf16(2)));
        var b = Trainer.Train(SyntheticData.Request(second.Path, training: Bf16(2)));
        var reference = Trainer.Train(SyntheticData.Request(fp32.Path, epochs: 2));

        Assert.Equal(Rounded(a), Rounded(b));
        Assert.NotEqual(a.History.Select(h => h.TrainLoss), reference.History.Select(h => h.TrainLoss));
    }

    [Fact]
    public void Resumed_run_should_end_with_the_same_metrics_as_an_uninterrupted_one()
    {
        using var uninterrupted = new TempFolder();
        using var interrupted = new TempFolder();
        var expected = Trainer.Train(SyntheticData.Request(uninterrupted.Path, training: Bf16(3)));

        Trainer.Train(SyntheticData.Request(interrupted.Path, training: Bf16(1)));
        var checkpoint = ModelBundle.Load(Path.Combine(interrupted.Path, TrainingRun.CheckpointFileName));
        var resumed = Trainer.Train(SyntheticData.Request(interrupted.Path, training: Bf16(3)) with { ResumeFrom = checkpoint });

        Assert.Equal(Rounded(expected), Rounded(resumed));
    }

    [Fact]
    public void Should_work_with_recomputation()
    {
        using var plain = new TempFolder();
        using var recomputed = new TempFolder();

        var a = Trainer.Train(SyntheticData.Request(plain.Path, training: Bf16(2)));
        var b = Trainer.Train(SyntheticData.Request(recomputed.Path, training: Bf16(2) with { RecomputeSegment = 3 }));

        // bfloat16 rounding differs between the two paths' operation orders, so compare loosely.
        Assert.Equal(a.History.Select(h => Math.Round(h.ValidationAccuracy, 1)), b.History.Select(h => Math.Round(h.ValidationAccuracy, 1)));
        Assert.All(b.History, h => Assert.InRange(h.TrainLoss, 0, a.History[h.Epoch - 1].TrainLoss + 0.05));
    }

    private static IEnumerable<(int, double, double, double)> Rounded(TrainingResult result) =>
        result.History.Select(h => (h.Epoch, Math.Round(h.TrainLoss, 4), Math.Round(h.ValidationLoss, 4), Math.Round(h.ValidationAccuracy, 4)));
}
