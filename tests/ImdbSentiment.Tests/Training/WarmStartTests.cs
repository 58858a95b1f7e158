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
    public void A_model_for_other_classes_should_start_with_a_fresh_output_layer_even_of_the_same_width()
    {
        // Given: two 3-class models, the second for other labels than the first's
        var threeClasses = Gru with { OutputDim = 3 };
        using var source = Random(threeClasses, 1);
        using var target = Random(threeClasses, 2);
        var before = target.state_dict().ToDictionary(p => p.Key, p => p.Value.clone());
        var keep = WarmStart.KeepsOutputLayer(["a", "b", "c"], ["x", "y", "z"]);

        // When
        var report = WarmStart.Apply(source, target, keep);

        // Then: the output layer keeps its initialisation, everything else is the source's
        Assert.False(keep);
        Assert.True(WarmStart.KeepsOutputLayer(["a", "b", "c"], ["a", "b", "c"]));
        Assert.Equal(["fc.bias", "fc.weight"], report.Skipped.Order());
        Assert.True(target.state_dict()["fc.weight"].allclose(before["fc.weight"], rtol: 0, atol: 0));
        Assert.All(report.Copied, name => Assert.True(target.state_dict()[name].allclose(source.state_dict()[name], rtol: 0, atol: 0), name));
        Assert.Contains(report.Copied, name => name.StartsWith("rnn", StringComparison.Ordinal));
    }

    [Fact]
    public void A_binary_model_should_hand_an_eight_class_one_everything_but_its_output_layer()
    {
        using var source = Random(Gru, 1);
        using var target = Random(Gru with { OutputDim = 8 }, 2);

        var report = WarmStart.Apply(source, target);

        Assert.Equal(["fc.bias", "fc.weight"], report.Skipped.Order());
        Assert.Empty(report.New);
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
