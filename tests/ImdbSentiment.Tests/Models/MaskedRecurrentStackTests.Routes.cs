using ImdbSentiment.Execution;
using ImdbSentiment.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace ImdbSentiment.Tests.Models;

// The numbers of every route are pinned against float64 in RecurrenceRouteTests; these pin the mechanics around them.
public sealed partial class MaskedRecurrentStackTests
{
    private static readonly RecurrenceRoutes AllInferenceRoutes = new()
    {
        LibTorchModule = true,
        InferenceSegment = 4,
        Directions = new AlongsideRunner(2),
    };

    [Fact]
    public async Task Should_run_the_directions_on_the_calling_thread_instead_of_waiting_while_the_workers_are_busy()
    {
        // Given a bidirectional stack's plain results, and the shared workers held by another caller (an evaluation)
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

        stack.Routes = AllInferenceRoutes;
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

            // When it runs with its directions meant for the workers
            var call = Task.Run(() =>
            {
                using var _ = inference_mode();
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
    public void Should_see_new_weights_on_libtorchs_route_after_loading_a_state_dict_or_changing_dtype()
    {
        // Given a stack that has already run once on libtorch's module
        torch.manual_seed(6);
        using var stack = new MaskedRecurrentStack(RecurrentCell.Gru, 4, 5, layers: 2, bidirectional: true, dropout: 0);
        using var other = new MaskedRecurrentStack(RecurrentCell.Gru, 4, 5, layers: 2, bidirectional: true, dropout: 0);
        stack.Routes = new RecurrenceRoutes { LibTorchModule = true };
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
    public void Should_keep_its_parameters_and_state_dict_after_running_on_libtorchs_route()
    {
        torch.manual_seed(7);
        using var stack = new MaskedRecurrentStack(RecurrentCell.Gru, 3, 4, layers: 1, bidirectional: true, dropout: 0);
        stack.Routes = AllInferenceRoutes;
        var keys = stack.state_dict().Keys.ToArray();
        var count = stack.parameters().Count();
        stack.eval();
        using var _ = no_grad();

        stack.call(randn(4, 1, 3), tensor(new long[] { 4 }));

        Assert.Equal(keys, stack.state_dict().Keys.ToArray());
        Assert.Equal(count, stack.parameters().Count());
    }

    [Fact]
    public void Should_train_right_on_libtorchs_module_after_first_running_in_inference_mode()
    {
        // Given two copies of a GRU stack, one of which has already run in inference mode (where libtorch's modules are
        // built on first use), and a padded batch
        torch.manual_seed(12);
        using var warmed = new MaskedRecurrentStack(RecurrentCell.Gru, 5, 8, layers: 2, bidirectional: true, dropout: 0);
        using var fresh = new MaskedRecurrentStack(RecurrentCell.Gru, 5, 8, layers: 2, bidirectional: true, dropout: 0);
        fresh.load_state_dict(warmed.state_dict());
        warmed.Routes = fresh.Routes = new RecurrenceRoutes { LibTorchModule = true };
        using var input = randn(7, 3, 5);
        using var lengths = tensor(new long[] { 7, 4, 6 });
        warmed.eval();
        using (inference_mode())
        {
            warmed.call(input, lengths).Hidden.Dispose();
        }

        // When both train on it
        var gradients = new[] { warmed, fresh }.Select(stack =>
        {
            stack.train();
            stack.zero_grad();
            using var scope = NewDisposeScope();
            stack.call(input, lengths).Hidden.sum().backward();
            stack.ReleaseBackwardTensors();
            return stack.parameters().Select(p => p.grad!.clone().DetachFromDisposeScope()).ToArray();
        }).ToArray();

        // Then the gradients are the same
        foreach (var (a, b) in gradients[0].Zip(gradients[1]))
        {
            Assert.True(a.allclose(b, rtol: 1e-5, atol: 1e-7), "gradients differ");
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Should_never_run_an_LSTM_on_libtorchs_module(bool training)
    {
        // Given an LSTM stack with every route on, and one with none (oneDNN's LSTM kernel is wrong for H = 8 on AVX-512)
        torch.manual_seed(9);
        using var routed = new MaskedRecurrentStack(RecurrentCell.Lstm, 5, 8, layers: 2, bidirectional: true, dropout: 0);
        using var plain = new MaskedRecurrentStack(RecurrentCell.Lstm, 5, 8, layers: 2, bidirectional: true, dropout: 0);
        plain.load_state_dict(routed.state_dict());
        routed.Routes = new RecurrenceRoutes { LibTorchModule = true };
        routed.train(training);
        plain.train(training);
        using var input = randn(7, 2, 5);
        using var lengths = tensor(new long[] { 7, 7 });

        // When both run a batch without padding
        using var _ = no_grad();
        var expected = plain.call(input, lengths).Hidden;
        var actual = routed.call(input, lengths).Hidden;

        // Then they compute exactly the same thing: the same masked loop
        Assert.False(LibTorchRecurrence.Supports(RecurrentCell.Lstm));
        Assert.True(expected.eq(actual).all().item<bool>(), "the LSTM did not run the masked loop");
    }
}
