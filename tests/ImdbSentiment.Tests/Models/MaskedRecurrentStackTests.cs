using ImdbSentiment.Models;
using ImdbSentiment.Tests.Fixtures;
using TorchSharp;
using static TorchSharp.torch;

namespace ImdbSentiment.Tests.Models;

[Collection(TorchCollection.Name)]
public sealed partial class MaskedRecurrentStackTests
{
    [Theory]
    [InlineData(RecurrentCell.Gru, 2, true)]
    [InlineData(RecurrentCell.Gru, 1, false)]
    [InlineData(RecurrentCell.Lstm, 2, true)]
    [InlineData(RecurrentCell.Rnn, 2, true)]
    public void Should_equal_libtorchs_module_on_packed_sequences_with_the_same_weights(RecurrentCell cell, int layers, bool bidirectional)
    {
        // Given libtorch's own module and ours sharing one state dict, and a batch with unsorted, unequal lengths
        torch.manual_seed(11);
        nn.Module reference = cell switch
        {
            RecurrentCell.Gru => nn.GRU(5, 4, layers, bidirectional: bidirectional),
            RecurrentCell.Lstm => nn.LSTM(5, 4, layers, bidirectional: bidirectional),
            _ => nn.RNN(5, 4, layers, bidirectional: bidirectional),
        };
        using var ours = new MaskedRecurrentStack(cell, 5, 4, layers, bidirectional, dropout: 0);
        Assert.Equal(reference.state_dict().Keys, ours.state_dict().Keys);
        ours.load_state_dict(reference.state_dict());
        using var input = randn(7, 3, 5);
        using var lengths = tensor(new long[] { 4, 7, 2 });

        // When
        using var _ = no_grad();
        using var packed = nn.utils.rnn.pack_padded_sequence(input, lengths, enforce_sorted: false);
        var (expectedPacked, expectedHidden) = reference switch
        {
            TorchSharp.Modules.GRU gru => gru.call(packed),
            TorchSharp.Modules.LSTM lstm => Drop(lstm.call(packed)),
            TorchSharp.Modules.RNN rnn => rnn.call(packed),
            _ => throw new InvalidOperationException(),
        };
        var (expectedOutput, _) = nn.utils.rnn.pad_packed_sequence(expectedPacked);
        var (output, hidden) = ours.call(input, lengths);

        // Then: the same final states, and the same outputs at every real position
        Assert.Equal(expectedHidden.shape, hidden.shape);
        Assert.True(expectedHidden.allclose(hidden, rtol: 1e-5, atol: 1e-6), "final states differ");
        var real = arange(7).unsqueeze(1).lt(lengths.unsqueeze(0)).unsqueeze(2);
        Assert.True(expectedOutput.mul(real).allclose(output.mul(real), rtol: 1e-5, atol: 1e-6), "outputs differ");
    }

    [Fact]
    public void Should_follow_its_parameters_when_the_module_changes_dtype()
    {
        torch.manual_seed(2);
        using var stack = new MaskedRecurrentStack(RecurrentCell.Gru, 3, 4, layers: 2, bidirectional: true, dropout: 0);
        stack.to(ScalarType.Float64);
        using var input = randn(5, 2, 3, dtype: ScalarType.Float64);
        using var lengths = tensor(new long[] { 5, 3 });

        var (output, hidden) = stack.call(input, lengths);

        Assert.Equal(ScalarType.Float64, output.dtype);
        Assert.Equal(new long[] { 4, 2, 4 }, hidden.shape);
    }

    private static (nn.utils.rnn.PackedSequence, Tensor) Drop((nn.utils.rnn.PackedSequence Output, Tensor Hidden, Tensor Cell) result)
    {
        result.Cell.Dispose();
        return (result.Output, result.Hidden);
    }
}
