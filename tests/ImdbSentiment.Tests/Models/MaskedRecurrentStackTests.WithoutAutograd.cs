using ImdbSentiment.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace ImdbSentiment.Tests.Models;

// Without autograd the stack runs each direction in 64-step segments written straight into the layer output; these pin
// that path to the ordinary one (autograd on), on batches long enough for several segments and with padding.
public sealed partial class MaskedRecurrentStackTests
{
    [Theory]
    [InlineData(RecurrentCell.Gru, 2, true)]
    [InlineData(RecurrentCell.Gru, 1, false)]
    [InlineData(RecurrentCell.Lstm, 2, true)]
    [InlineData(RecurrentCell.Rnn, 1, true)]
    public void Should_give_the_same_results_without_autograd_as_with_it(RecurrentCell cell, int layers, bool bidirectional)
    {
        // Given a padded batch of 150 steps (three segments) in eval mode
        torch.manual_seed(8);
        using var stack = new MaskedRecurrentStack(cell, 6, 8, layers, bidirectional, dropout: 0.5);
        stack.eval();
        using var input = randn(150, 3, 6);
        using var lengths = tensor(new long[] { 150, 64, 97 });

        // When it runs with autograd and without
        var (expectedOutput, expectedHidden) = stack.call(input, lengths);
        Tensor output, hidden;
        using (no_grad())
        {
            (output, hidden) = stack.call(input, lengths);
        }

        // Then outputs and final states agree
        Assert.Equal(expectedOutput.shape, output.shape);
        Assert.Equal(expectedHidden.shape, hidden.shape);
        Assert.True(expectedOutput.allclose(output, rtol: 1e-5, atol: 1e-6), $"outputs differ by {(expectedOutput - output).abs().max().item<float>()}");
        Assert.True(expectedHidden.allclose(hidden, rtol: 1e-5, atol: 1e-6), "final states differ");
    }
}
