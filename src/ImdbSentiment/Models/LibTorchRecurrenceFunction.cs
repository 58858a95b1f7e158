using static TorchSharp.torch;

namespace ImdbSentiment.Models;

/// <summary>
/// <see cref="LibTorchRecurrence"/> for one layer and direction in training, as an autograd function of the stack's
/// own parameters: the forward pass records libtorch's graph over the module's parameters (which alias the stack's
/// storage), and the backward pass differentiates that graph and returns the gradients as those of the stack's
/// parameters, the input and the initial state. Call through
/// <c>apply(input, initial, W_ih, W_hh, b_ih, b_hh, settings)</c>.
/// </summary>
internal sealed class LibTorchRecurrenceFunction : autograd.SingleTensorFunction<LibTorchRecurrenceFunction>
{
    /// <inheritdoc />
    public override string Name => nameof(LibTorchRecurrenceFunction);

    /// <summary>Runs libtorch's module with autograd on and keeps its graph for the backward pass.</summary>
    /// <param name="ctx">The autograd context.</param>
    /// <param name="vars">Input <c>[S, B, I]</c>, initial state <c>[B, H]</c>, the four weights, and <see cref="Settings"/>.</param>
    /// <returns>The states after every step, <c>[S, B, H]</c>.</returns>
    public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(vars);
        var settings = (Settings)vars[6];
        using var scope = NewDisposeScope();
        using (enable_grad())
        {
            var input = ((Tensor)vars[0]).detach().requires_grad_();
            var initial = ((Tensor)vars[1]).detach().requires_grad_();
            var states = settings.Modules.Run(settings.Layer, settings.Direction, input, initial);
            ctx.save_data("saved", new Saved(settings, Keep(input), Keep(initial), Keep(states)));
            return states.detach().MoveToOuterDisposeScope();
        }
    }

    /// <summary>Differentiates the recorded graph.</summary>
    /// <param name="ctx">The autograd context.</param>
    /// <param name="grad_output">The gradient of the states, <c>[S, B, H]</c>.</param>
    /// <returns>Gradients of the input, the initial state and the four weights (none for the settings).</returns>
    public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor grad_output)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(grad_output);
        var saved = (Saved)ctx.get_data("saved");
        var handoff = saved.Settings.Handoff;
        handoff.ReleaseReturned();
        using var scope = NewDisposeScope();
        List<Tensor> wrt = [saved.Input, saved.Initial, .. saved.Settings.Modules.Parameters(saved.Settings.Layer, saved.Settings.Direction)];
        List<Tensor> returned;
        try
        {
            var grads = autograd.grad([saved.States], wrt, [grad_output], allow_unused: true);
            returned = [.. grads.Select((g, i) => g is null || g.IsInvalid ? zeros_like(wrt[i]) : g)];
        }
        catch (Exception ex)
        {
            // Thrown from here it would end the process (see BackwardHandoff); the training step throws it instead.
            handoff.Fail(ex);
            returned = [.. wrt.Select(w => zeros_like(w))];
        }
        finally
        {
            saved.Dispose();
            grad_output.Dispose();
        }

        handoff.Keep(returned);
        return [.. returned, null!];
    }

    private static Tensor Keep(Tensor tensor) => tensor.DetachFromDisposeScope();

    /// <summary>What a call needs besides tensors.</summary>
    /// <param name="Modules">The stack's libtorch modules.</param>
    /// <param name="Layer">The layer.</param>
    /// <param name="Direction">0 forwards, 1 backwards (the input then comes time-reversed).</param>
    /// <param name="Handoff">Keeps the returned gradients until TorchSharp has taken them.</param>
    internal sealed record Settings(LibTorchRecurrence Modules, int Layer, int Direction, BackwardHandoff Handoff);

    // The forward graph, kept outside any dispose scope until backward disposes it.
    private sealed record Saved(Settings Settings, Tensor Input, Tensor Initial, Tensor States) : IDisposable
    {
        public void Dispose()
        {
            Input.Dispose();
            Initial.Dispose();
            States.Dispose();
        }
    }
}
