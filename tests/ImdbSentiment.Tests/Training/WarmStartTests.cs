using ImdbSentiment.Models;
using ImdbSentiment.Tests.Fixtures;
using ImdbSentiment.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace ImdbSentiment.Tests.Training;

[Collection(TorchCollection.Name)]
public sealed class WarmStartTests
{
    private static readonly ModelOptions Gru = new(ModelKind.Recurrent, 40, EmbeddingDim: 6, HiddenDim: 5, Layers: 1);

    private static nn.Module<Tensor, Tensor, Tensor> Random(ModelOptions options, int seed)
    {
        torch.manual_seed(seed);
        return ModelFactory.Create(options);
    }

    [Fact]
    public void The_same_architecture_should_take_every_tensor()
    {
        using var source = Random(Gru, 1);
        using var target = Random(Gru, 2);

        var report = WarmStart.Apply(source, target);

        Assert.Empty(report.Skipped);
        Assert.Empty(report.New);
        Assert.Equal(source.state_dict().Keys, report.Copied);
        foreach (var (name, tensor) in target.state_dict())
        {
            Assert.True(tensor.allclose(source.state_dict()[name], rtol: 0, atol: 0), name);
        }
    }

    [Fact]
    public void A_wider_recurrent_layer_should_start_fresh_while_the_embedding_is_copied()
    {
        using var source = Random(Gru, 1);
        using var target = Random(Gru with { HiddenDim = 7 }, 2);
        var before = target.state_dict().ToDictionary(p => p.Key, p => p.Value.clone());

        var report = WarmStart.Apply(source, target);

        Assert.Contains(report.Copied, name => name.Contains("embedding", StringComparison.Ordinal));
        Assert.NotEmpty(report.Skipped);
        foreach (var name in report.Skipped)
        {
            Assert.True(target.state_dict()[name].allclose(before[name], rtol: 0, atol: 0), $"{name} should keep its initialisation");
        }

        foreach (var name in report.Copied)
        {
            Assert.True(target.state_dict()[name].allclose(source.state_dict()[name], rtol: 0, atol: 0), name);
        }
    }

    [Fact]
    public void Another_kind_of_model_should_share_nothing()
    {
        using var source = Random(Gru, 1);
        using var target = Random(new ModelOptions(ModelKind.Nbsvm, 40, NgramBuckets: 11), 2);

        var report = WarmStart.Apply(source, target);

        Assert.Empty(report.Copied);
    }
}
