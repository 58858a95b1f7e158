using ImdbSentiment.Models;
using ImdbSentiment.Persistence;
using ImdbSentiment.Tests.Fixtures;
using ImdbSentiment.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace ImdbSentiment.Tests.Training;

/// <summary>Fine-tuning a model started from another: frozen epochs and a slower rate for the layers under the output layer.</summary>
[Collection(TorchCollection.Name)]
public sealed class FineTuningScheduleTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_frozen_epoch_should_train_the_new_output_layer_only()
    {
        // Given: a trained binary model, and a three-class run started from it with its first epoch frozen
        var source = ModelBundle.Load(Trainer.Train(SyntheticData.Request(_folder.Combine("source"), epochs: 2)).ModelPath);
        var options = SyntheticData.TinyGru with { OutputDim = 3 };
        var training = SyntheticData.Fast(epochs: 1) with { FrozenEpochs = 1 };
        var request = SyntheticData.Request(_folder.Combine("tuned"), model: options, training: training) with
        {
            Data = SyntheticData.ThreeClassData(),
            StartFrom = source,
        };
        torch.manual_seed(unchecked((long)training.Seed));
        using var initial = ModelFactory.Create(options);

        // When
        var result = Trainer.Train(request);

        // Then: every layer but the output layer is still the source's, and the output layer moved from its initialisation
        using var trained = source.CreateModel();
        using var tuned = ModelBundle.Load(result.CheckpointPath).CreateModel();
        var before = trained.state_dict();
        foreach (var (name, tensor) in tuned.state_dict())
        {
            if (name.StartsWith(WarmStart.OutputLayerPrefix, StringComparison.Ordinal))
            {
                Assert.False(tensor.allclose(initial.state_dict()[name], rtol: 0, atol: 0), $"{name} should have learned");
            }
            else
            {
                Assert.True(tensor.allclose(before[name], rtol: 0, atol: 0), $"{name} should be frozen");
            }
        }
    }

    [Fact]
    public void After_the_frozen_epochs_a_slower_body_should_move_less_than_a_full_rate_one()
    {
        var source = ModelBundle.Load(Trainer.Train(SyntheticData.Request(_folder.Combine("source"), epochs: 2)).ModelPath);
        double Drift(double factor)
        {
            var training = SyntheticData.Fast(epochs: 2) with { FrozenEpochs = 1, BodyLearningRateFactor = factor };
            var request = SyntheticData.Request(_folder.Combine($"tuned-{factor}"), model: SyntheticData.TinyGru with { OutputDim = 3 }, training: training) with
            {
                Data = SyntheticData.ThreeClassData(),
                StartFrom = source,
            };
            using var tuned = ModelBundle.Load(Trainer.Train(request).CheckpointPath).CreateModel();
            using var trained = source.CreateModel();
            using var scope = NewDisposeScope();
            return tuned.state_dict().Where(p => !p.Key.StartsWith(WarmStart.OutputLayerPrefix, StringComparison.Ordinal))
                .Sum(p => p.Value.sub(trained.state_dict()[p.Key]).abs().sum().item<float>());
        }

        var slow = Drift(0.1);
        var full = Drift(1);

        Assert.True(slow > 0, "the body should learn after its frozen epoch");
        Assert.True(slow < full / 2, $"drift at 0.1× {slow:G4}, at 1× {full:G4}");
    }

    [Fact]
    public void The_options_should_refuse_a_factor_outside_zero_to_one_and_negative_frozen_epochs()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TrainingOptions(BodyLearningRateFactor: 1.5).Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new TrainingOptions(BodyLearningRateFactor: double.NaN).Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new TrainingOptions(FrozenEpochs: -1).Validate());
        Assert.Equal(0, new TrainingOptions(FrozenEpochs: 2, BodyLearningRateFactor: 0.5).BodyLearningRate(2, 0.01));
        Assert.Equal(0.005, new TrainingOptions(FrozenEpochs: 2, BodyLearningRateFactor: 0.5).BodyLearningRate(3, 0.01), 12);
    }
}
