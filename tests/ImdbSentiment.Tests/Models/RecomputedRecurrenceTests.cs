using ImdbSentiment.Models;
using ImdbSentiment.Tests.Fixtures;
using TorchSharp;
using static TorchSharp.torch;

namespace ImdbSentiment.Tests.Models;

[Collection(TorchCollection.Name)]
public sealed class RecomputedRecurrenceTests
{
    [Theory]
    [InlineData(RecurrentCell.Gru, 2, true, 1)]
    [InlineData(RecurrentCell.Gru, 2, true, 3)]
    [InlineData(RecurrentCell.Gru, 1, false, 4)]
    [InlineData(RecurrentCell.Gru, 2, true, 100)]
    [InlineData(RecurrentCell.Lstm, 2, true, 3)]
    [InlineData(RecurrentCell.Rnn, 1, true, 2)]
    public void Recomputing_segments_should_give_the_gradients_of_keeping_every_activation(RecurrentCell cell, int layers, bool bidirectional, int segment)
    {
        // Given one stack, a batch with unequal lengths, and fixed weights on its outputs and final states
        torch.manual_seed(5);
        using var stack = new MaskedRecurrentStack(cell, 5, 4, layers, bidirectional, dropout: 0);
        stack.train();
        using var input = randn(9, 3, 5);
        using var lengths = tensor(new long[] { 6, 9, 2 });
        using var outputWeights = randn(9, 3, 4 * (bidirectional ? 2 : 1));
        using var hiddenWeights = randn(layers * (bidirectional ? 2 : 1), 3, 4);

        // When the same loss is backpropagated with every activation kept, and with segments recomputed
        var expected = Gradients(stack, input, lengths, outputWeights, hiddenWeights, recompute: null);
        var actual = Gradients(stack, input, lengths, outputWeights, hiddenWeights, recompute: segment);

        // Then the loss and every gradient agree
        Assert.Equal(expected.Count, actual.Count);
        foreach (var (name, value) in expected)
        {
            Assert.True(value.allclose(actual[name], rtol: 1e-5, atol: 1e-6), $"{name} differs by {(value - actual[name]).abs().max().item<float>()}");
        }
    }

    [Fact]
    public void Evaluation_without_autograd_should_give_the_ordinary_outputs()
    {
        torch.manual_seed(6);
        using var stack = new MaskedRecurrentStack(RecurrentCell.Gru, 5, 4, 2, true, dropout: 0.3);
        stack.eval();
        using var input = randn(6, 2, 5);
        using var lengths = tensor(new long[] { 6, 3 });
        using var _ = inference_mode();
        var (expectedOutput, expectedHidden) = stack.call(input, lengths);

        stack.Routes = new RecurrenceRoutes { RecomputeSegment = 2 };
        var (output, hidden) = stack.call(input, lengths);

        Assert.True(expectedOutput.allclose(output, rtol: 0, atol: 0) && expectedHidden.allclose(hidden, rtol: 0, atol: 0), "outputs differ");
    }

    [Fact]
    public void A_segment_shorter_than_one_step_should_be_refused()
    {
        using var stack = new MaskedRecurrentStack(RecurrentCell.Gru, 5, 4, 1, true, dropout: 0);

        Assert.Throws<ArgumentOutOfRangeException>(() => new RecurrenceRoutes { RecomputeSegment = 0 });
    }

    private static Dictionary<string, Tensor> Gradients(MaskedRecurrentStack stack, Tensor input, Tensor lengths, Tensor outputWeights, Tensor hiddenWeights, int? recompute)
    {
        stack.Routes = new RecurrenceRoutes { RecomputeSegment = recompute };
        stack.zero_grad();
        using var x = input.detach().requires_grad_();
        var (output, hidden) = stack.call(x, lengths);
        var real = arange(input.shape[0]).unsqueeze(1).lt(lengths.unsqueeze(0)).unsqueeze(2);
        using var loss = (output * real * outputWeights).sum() + (hidden * hiddenWeights).sum();
        loss.backward();
        var gradients = stack.named_parameters().ToDictionary(p => p.name, p => p.parameter.grad!.clone());
        gradients["input"] = x.grad!.clone();
        gradients["loss"] = loss.detach().clone();
        return gradients;
    }
}
