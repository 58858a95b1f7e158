using ImdbSentiment.Interop;
using ImdbSentiment.Models;
using ImdbSentiment.Tests.Fixtures;
using ImdbSentiment.Training;

namespace ImdbSentiment.Tests.Interop;

[Collection(TorchCollection.Name)]
public sealed class PyTorchStateDictTests
{
    public static TheoryData<string> PresetNames() => [.. Presets.All.Where(p => PyTorchStateDict.Covers(p.Model.Kind)).Select(p => p.Name)];

    public static TheoryData<ModelOptions> Architectures() =>
    [
        new ModelOptions(ModelKind.VanillaRnn, 30, EmbeddingDim: 5, HiddenDim: 7),
        new ModelOptions(ModelKind.Recurrent, 30, EmbeddingDim: 5, HiddenDim: 7, Layers: 3),
        new ModelOptions(ModelKind.Recurrent, 30, EmbeddingDim: 5, HiddenDim: 7, Layers: 2, Bidirectional: false, Cell: RecurrentCell.Lstm),
        new ModelOptions(ModelKind.Recurrent, 30, EmbeddingDim: 5, HiddenDim: 7, Layers: 1, Cell: RecurrentCell.Rnn, Pooling: Pooling.MaxMean, OutputDim: 3),
    ];

    [Theory]
    [MemberData(nameof(PresetNames))]
    public void Layout_should_equal_the_modules_state_dict_for_every_preset(string preset)
    {
        // Given
        var options = Presets.Get(preset).ModelFor(50);

        // When
        using var model = ModelFactory.Create(options);
        var actual = model.state_dict().ToDictionary(p => p.Key, p => string.Join('x', p.Value.shape));

        // Then
        var expected = PyTorchStateDict.Layout(options).ToDictionary(e => e.Key, e => string.Join('x', e.Shape));
        Assert.Equal(expected.OrderBy(e => e.Key), actual.OrderBy(e => e.Key));
    }

    [Fact]
    public void An_nbsvm_should_be_refused_with_one_clear_line()
    {
        var error = Assert.Throws<InteropException>(() => PyTorchStateDict.Layout(Presets.Nbsvm.ModelFor(50)));

        Assert.Equal("PyTorch export and import cover the tutorial's recurrent models; a model of kind Nbsvm has no PyTorch counterpart", error.Message);
    }

    [Theory]
    [MemberData(nameof(Architectures))]
    public void Layout_should_equal_the_modules_state_dict_for_other_architectures(ModelOptions options)
    {
        using var model = ModelFactory.Create(options);
        var actual = model.state_dict().ToDictionary(p => p.Key, p => string.Join('x', p.Value.shape));

        var expected = PyTorchStateDict.Layout(options).ToDictionary(e => e.Key, e => string.Join('x', e.Shape));
        Assert.Equal(expected.OrderBy(e => e.Key), actual.OrderBy(e => e.Key));
    }

    [Fact]
    public void Seed_gru_layout_should_be_the_tutorials_keys_in_pytorchs_order()
    {
        // When
        var layout = PyTorchStateDict.Layout(Presets.SeedGru.ModelFor(18_961)).Select(e => e.ToString());

        // Then: torch.nn.GRU(100, 256, num_layers=2, bidirectional=True) names, fc over all 4 final states (1,024 inputs)
        Assert.Equal(
        [
            "embedding.weight [18961, 100]",
            "rnn.weight_ih_l0 [768, 100]", "rnn.weight_hh_l0 [768, 256]", "rnn.bias_ih_l0 [768]", "rnn.bias_hh_l0 [768]",
            "rnn.weight_ih_l0_reverse [768, 100]", "rnn.weight_hh_l0_reverse [768, 256]", "rnn.bias_ih_l0_reverse [768]", "rnn.bias_hh_l0_reverse [768]",
            "rnn.weight_ih_l1 [768, 512]", "rnn.weight_hh_l1 [768, 256]", "rnn.bias_ih_l1 [768]", "rnn.bias_hh_l1 [768]",
            "rnn.weight_ih_l1_reverse [768, 512]", "rnn.weight_hh_l1_reverse [768, 256]", "rnn.bias_ih_l1_reverse [768]", "rnn.bias_hh_l1_reverse [768]",
            "fc.weight [1, 1024]", "fc.bias [1]",
        ], layout);
    }

    [Fact]
    public void Seed_rnn_layout_should_be_the_tutorials_keys()
    {
        var layout = PyTorchStateDict.Layout(Presets.SeedRnn.ModelFor(18_961)).Select(e => e.ToString());

        Assert.Equal(
        [
            "embedding.weight [18961, 100]",
            "rnn.weight_ih_l0 [256, 100]", "rnn.weight_hh_l0 [256, 256]", "rnn.bias_ih_l0 [256]", "rnn.bias_hh_l0 [256]",
            "fc.weight [1, 256]", "fc.bias [1]",
        ], layout);
    }

    [Theory]
    [InlineData("seed-rnn", 1_988_005)]
    [InlineData("seed-gru", 3_629_733)]
    public void Layout_should_count_the_tutorials_parameters(string preset, long parameters)
    {
        var layout = PyTorchStateDict.Layout(Presets.Get(preset).ModelFor(18_961));

        Assert.Equal(parameters, layout.Sum(e => e.Shape.Aggregate(1L, (a, b) => a * b)));
    }
}
