using ImdbSentiment.Batching;
using ImdbSentiment.Models;
using ImdbSentiment.Tests.Fixtures;
using TorchSharp;
using static TorchSharp.torch;

namespace ImdbSentiment.Tests.Models;

[Collection(TorchCollection.Name)]
public sealed class ModelTests
{
    private const int TutorialVocabulary = 18_961;

    [Fact]
    public void Vanilla_rnn_should_have_the_tutorials_parameter_count()
    {
        using var model = ModelFactory.Create(new ModelOptions(ModelKind.VanillaRnn, TutorialVocabulary));

        Assert.Equal(1_988_005, ModelFactory.TrainableParameters(model));
    }

    [Fact]
    public void Bidirectional_gru_should_have_the_tutorials_parameter_count()
    {
        using var model = ModelFactory.Create(new ModelOptions(ModelKind.Recurrent, TutorialVocabulary));

        Assert.Equal(3_629_733, ModelFactory.TrainableParameters(model));
    }

    [Fact]
    public void State_dict_keys_and_shapes_should_match_the_tutorials_module_attributes()
    {
        using var model = ModelFactory.Create(new ModelOptions(ModelKind.Recurrent, 50, EmbeddingDim: 4, HiddenDim: 3));

        var shapes = model.state_dict().ToDictionary(p => p.Key, p => string.Join('x', p.Value.shape));

        Assert.Equal("50x4", shapes["embedding.weight"]);
        Assert.Equal("9x4", shapes["rnn.weight_ih_l0"]);
        Assert.Equal("9x3", shapes["rnn.weight_hh_l0_reverse"]);
        Assert.Equal("9x6", shapes["rnn.weight_ih_l1"]);
        Assert.Equal("9", shapes["rnn.bias_hh_l1_reverse"]);
        Assert.Equal("1x12", shapes["fc.weight"]);
        Assert.Equal(19, shapes.Count);
    }

    [Theory]
    [InlineData(ModelKind.VanillaRnn, RecurrentCell.Rnn, Pooling.FinalHidden)]
    [InlineData(ModelKind.Recurrent, RecurrentCell.Gru, Pooling.FinalHidden)]
    [InlineData(ModelKind.Recurrent, RecurrentCell.Lstm, Pooling.FinalHidden)]
    [InlineData(ModelKind.Recurrent, RecurrentCell.Rnn, Pooling.FinalHidden)]
    [InlineData(ModelKind.Recurrent, RecurrentCell.Gru, Pooling.MaxMean)]
    public void Padding_should_not_change_a_reviews_logit(ModelKind kind, RecurrentCell cell, Pooling pooling)
    {
        // Given one review batched alone, then with a longer and a shorter review (unsorted lengths)
        torch.manual_seed(3);
        using var model = ModelFactory.Create(new ModelOptions(kind, 30, EmbeddingDim: 8, HiddenDim: 6, Cell: cell, Pooling: pooling));
        model.eval();
        EncodedReview[] reviews =
        [
            new([5, 6, 7, 8], 1),
            new([9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19], 0),
            new([20, 21], 1),
        ];
        using var _ = no_grad();

        // When
        using var alone = Batch.Collate(reviews, [0], padIndex: 1);
        using var mixed = Batch.Collate(reviews, [2, 0, 1], padIndex: 1);
        using var aloneLogits = model.call(alone.Tokens, alone.Lengths);
        using var mixedLogits = model.call(mixed.Tokens, mixed.Lengths);

        // Then
        Assert.Equal(new long[] { 11, 3 }, mixed.Tokens.shape);
        Assert.Equal(new long[] { 3 }, mixedLogits.shape);
        Assert.Equal(aloneLogits[0].item<float>(), mixedLogits[1].item<float>(), 1e-5f);
    }

    [Fact]
    public void Pad_embedding_row_should_stay_zero_after_training_steps()
    {
        torch.manual_seed(1);
        using var model = ModelFactory.Create(new ModelOptions(ModelKind.Recurrent, 20, EmbeddingDim: 4, HiddenDim: 3));
        using var optimizer = optim.Adam(model.parameters(), lr: 0.1);
        using var batch = Batch.Collate([new([2, 3, 4], 1), new([5], 0)], [0, 1], padIndex: 1);
        for (var step = 0; step < 3; step++)
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            nn.functional.binary_cross_entropy_with_logits(model.call(batch.Tokens, batch.Lengths), batch.Labels).backward();
            optimizer.step();
        }

        var pad = model.state_dict()["embedding.weight"][1];
        Assert.Equal(0f, pad.abs().sum().item<float>());
    }

    [Fact]
    public void Invalid_options_should_name_the_option()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ModelOptions(ModelKind.Recurrent, 10, Dropout: 1.5).Validate());

        Assert.Equal("Dropout", error.ParamName);
    }
}
