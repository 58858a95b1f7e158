using ImdbSentiment.Models;
using ImdbSentiment.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace ImdbSentiment.Tests.Models;

// In eval mode a batch without padding runs on libtorch's own module (FusedRecurrence); these pin it to the masked loop.
public sealed partial class MaskedRecurrentStackTests
{
    [Theory]
    [InlineData(RecurrentCell.Gru, 2, true, 1, false)]
    [InlineData(RecurrentCell.Gru, 2, true, 1, true)]
    [InlineData(RecurrentCell.Gru, 1, true, 3, false)]
    [InlineData(RecurrentCell.Gru, 1, true, 3, true)]
    [InlineData(RecurrentCell.Gru, 1, false, 1, true)]
    [InlineData(RecurrentCell.Lstm, 2, true, 2, false)]
    [InlineData(RecurrentCell.Lstm, 2, true, 2, true)]
    [InlineData(RecurrentCell.Rnn, 1, false, 1, false)]
    [InlineData(RecurrentCell.Rnn, 3, true, 1, true)]
    public void Should_give_the_masked_loops_results_in_eval_mode_on_batches_without_padding(
        RecurrentCell cell, int layers, bool bidirectional, int batch, bool directionsAtOnce)
    {
        // Given a stack without dropout, so that train mode (the masked loop) and eval mode compute the same function,
        // run either in inference mode on two libtorch threads (a bidirectional layer's directions then run at once on
        // two worker threads) or without gradients on one (one after the other)
        torch.manual_seed(5);
        using var stack = new MaskedRecurrentStack(cell, 6, 8, layers, bidirectional, dropout: 0);
        using var input = randn(9, batch, 6);
        using var lengths = full(batch, 9L, dtype: ScalarType.Int64);
        var callerThreads = torch.get_num_threads();
        NativeRuntime.SetThreads(directionsAtOnce ? 2 : 1);
        try
        {
            using var _ = directionsAtOnce ? inference_mode() : no_grad();
            Assert.Equal(directionsAtOnce, FusedRecurrence.SplitsDirections);

            // When
            stack.train();
            var (maskedOutput, maskedHidden) = stack.call(input, lengths);
            stack.eval();
            var (output, hidden) = stack.call(input, lengths);

            // Then
            Assert.Equal(maskedOutput.shape, output.shape);
            Assert.Equal(maskedHidden.shape, hidden.shape);
            Assert.True(maskedOutput.allclose(output, rtol: 1e-5, atol: 1e-6), "outputs differ");
            Assert.True(maskedHidden.allclose(hidden, rtol: 1e-5, atol: 1e-6), "final states differ");
        }
        finally
        {
            NativeRuntime.SetThreads(callerThreads);
        }
    }

    [Fact]
    public async Task Should_run_the_directions_on_the_calling_thread_instead_of_waiting_while_the_workers_are_busy()
    {
        // Given a bidirectional stack's eval-mode results, and the shared workers held by another caller (an evaluation)
        torch.manual_seed(8);
        using var stack = new MaskedRecurrentStack(RecurrentCell.Gru, 6, 8, layers: 2, bidirectional: true, dropout: 0);
        stack.eval();
        using var input = randn(9, 1, 6);
        using var lengths = tensor(new long[] { 9 });
        Tensor expected;
        using (no_grad())
        {
            expected = stack.call(input, lengths).Hidden;
        }

        using var started = new CountdownEvent(2);
        using var release = new ManualResetEventSlim();
        var busy = Task.Run(() => WorkerThreads.Shared.RunOnEach(2, () =>
        {
            started.Signal();
            release.Wait(TimeSpan.FromSeconds(60));
        }));
        try
        {
            Assert.True(started.Wait(TimeSpan.FromSeconds(30)), "the other caller's work did not start");

            // When it runs in inference mode on two libtorch threads (where the directions would go to the workers)
            var call = Task.Run(() =>
            {
                NativeRuntime.SetThreads(2);
                using var _ = inference_mode();
                Assert.True(FusedRecurrence.SplitsDirections);
                return stack.call(input, lengths).Hidden;
            });
            var first = await Task.WhenAny(call, Task.Delay(TimeSpan.FromSeconds(30)));

            // Then it finishes while the workers are still busy, with the same states
            Assert.True(first == call, "the call waited for the busy workers");
            Assert.True(expected.allclose(await call, rtol: 1e-5, atol: 1e-6), "final states differ");
        }
        finally
        {
            release.Set();
            await busy;
        }
    }

    [Fact]
    public void Should_see_new_weights_in_eval_mode_after_loading_a_state_dict_or_changing_dtype()
    {
        // Given a stack that has already run once in eval mode
        torch.manual_seed(6);
        using var stack = new MaskedRecurrentStack(RecurrentCell.Gru, 4, 5, layers: 2, bidirectional: true, dropout: 0);
        using var other = new MaskedRecurrentStack(RecurrentCell.Gru, 4, 5, layers: 2, bidirectional: true, dropout: 0);
        using var input = randn(6, 1, 4);
        using var lengths = tensor(new long[] { 6 });
        using var _ = no_grad();
        stack.eval();
        other.eval();
        var before = stack.call(input, lengths).Hidden;

        // When its weights are replaced in place, then by a dtype change
        stack.load_state_dict(other.state_dict());
        var afterLoad = stack.call(input, lengths).Hidden;
        var expectedAfterLoad = other.call(input, lengths).Hidden;
        stack.to(ScalarType.Float64);
        other.to(ScalarType.Float64);
        var afterDtype = stack.call(input.to(ScalarType.Float64), lengths).Hidden;

        // Then each run uses the current weights
        Assert.False(before.allclose(afterLoad), "the loaded weights were not used");
        Assert.True(expectedAfterLoad.allclose(afterLoad, rtol: 1e-5, atol: 1e-6), "the loaded weights were used wrongly");
        Assert.Equal(ScalarType.Float64, afterDtype.dtype);
        Assert.True(other.call(input.to(ScalarType.Float64), lengths).Hidden.allclose(afterDtype, rtol: 1e-10, atol: 1e-12));
    }

    [Fact]
    public void Should_keep_its_parameters_and_state_dict_after_running_in_eval_mode()
    {
        torch.manual_seed(7);
        using var stack = new MaskedRecurrentStack(RecurrentCell.Lstm, 3, 4, layers: 1, bidirectional: true, dropout: 0);
        var keys = stack.state_dict().Keys.ToArray();
        var count = stack.parameters().Count();
        stack.eval();
        using var _ = no_grad();

        stack.call(randn(4, 1, 3), tensor(new long[] { 4 }));

        Assert.Equal(keys, stack.state_dict().Keys.ToArray());
        Assert.Equal(count, stack.parameters().Count());
    }
}
