using ImdbSentiment.Runtime;
using static TorchSharp.torch;

namespace ImdbSentiment.Models;

/// <summary>
/// One direction of one recurrent layer as a custom autograd function that trades compute for memory: the forward
/// pass runs without autograd and keeps only the layer's outputs and the state at the start of every segment of
/// <see cref="Settings.Segment"/> steps; the backward pass replays one segment at a time, last first, with autograd on,
/// and backpropagates through it. Same gradients as <see cref="MaskedRecurrentStack"/>'s ordinary path (the replay runs
/// the same operations on the same values); memory for activations is one segment's instead of the whole sequence's.
/// </summary>
/// <remarks>
/// Why: backpropagation through time keeps every step's gate activations. For the tutorial's bi-GRU on the longest
/// training batch that is several gigabytes, the bulk of its peak memory (docs/benchmarks.md, memory).
/// </remarks>
internal sealed class RecomputedRecurrence : autograd.SingleTensorFunction<RecomputedRecurrence>
{
    /// <inheritdoc />
    public override string Name => nameof(RecomputedRecurrence);

    /// <summary>Runs the layer direction; call through <c>apply(input, W_ih, b_ih, W_hh, b_hh, mask, settings)</c>.</summary>
    /// <param name="ctx">The autograd context.</param>
    /// <param name="vars">Input <c>[T, B, I]</c>, the four weights, the mask <c>[T, B, 1]</c>, and <see cref="Settings"/>.</param>
    /// <returns>The states after every step, <c>[T, B, H]</c>, in time order.</returns>
    public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(vars);
        var (input, weightIh, biasIh, weightHh, biasHh, mask) =
            ((Tensor)vars[0], (Tensor)vars[1], (Tensor)vars[2], (Tensor)vars[3], (Tensor)vars[4], (Tensor)vars[5]);
        var settings = (Settings)vars[6];
        var steps = (int)input.shape[0];
        var batch = input.shape[1];
        var segments = Recurrence.SegmentCount(steps, settings.Segment);
        var starts = new Tensor[segments];
        var cellStarts = new Tensor?[segments];
        using (var scope = NewDisposeScope())
        {
            var all = empty(steps, batch, settings.HiddenSize, dtype: input.dtype);
            var weights = new DirectionWeights(weightIh, weightHh, biasIh, biasHh);
            Recurrence.RunSegments(TimeLoop.For(settings.Cell, weights, mask.unbind(0), settings.Shortest, settings.Reverse, steps), input, weights,
                settings.Segment, all, (s, h, c) =>
                {
                    starts[s] = h.DetachFromDisposeScope();
                    cellStarts[s] = c?.DetachFromDisposeScope();
                });
            all.MoveToOuterDisposeScope();
            ctx.save_data("saved", new Saved(settings, Keep(input), Keep(weightIh), Keep(biasIh), Keep(weightHh), Keep(biasHh), Keep(mask), starts, cellStarts));
            return all;
        }
    }

    /// <summary>Replays the segments, last first, and returns the gradients of the inputs and weights.</summary>
    /// <param name="ctx">The autograd context.</param>
    /// <param name="grad_output">The gradient of the outputs, <c>[T, B, H]</c>.</param>
    /// <returns>Gradients in the order of the forward arguments (none for the mask and settings).</returns>
    public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor grad_output)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(grad_output);
        var saved = (Saved)ctx.get_data("saved");
        var settings = saved.Settings;
        settings.Handoff.ReleaseReturned();
        var steps = (int)saved.Input.shape[0];
        var lstm = settings.Cell == RecurrentCell.Lstm;
        using var scope = NewDisposeScope();
        var gradInput = zeros_like(saved.Input);
        var gradWeightIh = zeros_like(saved.WeightIh);
        var gradBiasIh = zeros_like(saved.BiasIh);
        var gradWeightHh = zeros_like(saved.WeightHh);
        var gradBiasHh = zeros_like(saved.BiasHh);
        var returned = new List<Tensor> { gradInput, gradWeightIh, gradBiasIh, gradWeightHh, gradBiasHh };
        try
        {
            var masks = saved.Mask.unbind(0);
            Tensor? carry = null;
            Tensor? cellCarry = null;
            for (var s = saved.Starts.Length - 1; s >= 0; s--)
            {
                using var segmentScope = NewDisposeScope();
                var (from, to, first, length) = Recurrence.Span(steps, settings.Segment, settings.Reverse, s);
                using (enable_grad())
                {
                    var x = saved.Input.narrow(0, first, length).detach().requires_grad_();
                    var weightIh = saved.WeightIh.detach().requires_grad_();
                    var biasIh = saved.BiasIh.detach().requires_grad_();
                    var weightHh = saved.WeightHh.detach().requires_grad_();
                    var biasHh = saved.BiasHh.detach().requires_grad_();
                    var h0 = saved.Starts[s].detach().requires_grad_();
                    var c0 = lstm ? saved.CellStarts[s]!.detach().requires_grad_() : null;
                    var projected = nn.functional.linear(x, weightIh, biasIh).unbind(0);
                    var outputs = new Tensor[length];
                    var loop = new TimeLoop(settings.Cell, weightHh.t(), biasHh, masks, settings.Shortest, settings.Reverse, steps);
                    var (h, c) = Recurrence.Run(loop, projected, first, from, to, h0, c0, outputs);

                    List<Tensor> results = [stack(outputs, 0)];
                    List<Tensor> resultGrads = [grad_output.narrow(0, first, length)];
                    if (carry is not null)
                    {
                        results.Add(h);
                        resultGrads.Add(carry);
                    }

                    if (cellCarry is not null)
                    {
                        results.Add(c!);
                        resultGrads.Add(cellCarry);
                    }

                    List<Tensor> wrt = [x, weightIh, biasIh, weightHh, biasHh, h0];
                    if (c0 is not null)
                    {
                        wrt.Add(c0);
                    }

                    var grads = autograd.grad(results, wrt, resultGrads, allow_unused: true);
                    gradInput.narrow(0, first, length).copy_(grads[0]);
                    gradWeightIh.add_(grads[1], NativeScalars.One);
                    gradBiasIh.add_(grads[2], NativeScalars.One);
                    gradWeightHh.add_(grads[3], NativeScalars.One);
                    gradBiasHh.add_(grads[4], NativeScalars.One);
                    carry = grads[5].MoveToOuterDisposeScope();
                    cellCarry = c0 is null ? null : grads[6].MoveToOuterDisposeScope();
                }
            }

        }
        catch (Exception ex)
        {
            // Thrown from here it would end the process (see BackwardHandoff); the training step throws it instead.
            settings.Handoff.Fail(ex);
            returned.ForEach(g => g.zero_());
        }
        finally
        {
            saved.Dispose();
            grad_output.Dispose();
        }

        // Released by the next backward call or the end of the pass: holding them longer would keep a gradient of the
        // whole layer input ([T, B, I], hundreds of megabytes on the longest batch) alive through the backward pass.
        settings.Handoff.Keep(returned);
        return [.. returned, null!, null!];
    }

    private static Tensor Keep(Tensor tensor) => tensor.detach().DetachFromDisposeScope();

    /// <summary>What a call needs besides tensors.</summary>
    /// <param name="Cell">The recurrent cell.</param>
    /// <param name="HiddenSize">H.</param>
    /// <param name="Reverse">Whether the loop runs backwards in time.</param>
    /// <param name="Shortest">The shortest review in the batch.</param>
    /// <param name="Segment">Steps per recomputed segment.</param>
    /// <param name="Handoff">Keeps the returned gradients until TorchSharp has taken them.</param>
    internal sealed record Settings(RecurrentCell Cell, int HiddenSize, bool Reverse, int Shortest, int Segment, BackwardHandoff Handoff);

    // Tensors kept from forward to backward outside any dispose scope; backward disposes them.
    private sealed record Saved(
        Settings Settings, Tensor Input, Tensor WeightIh, Tensor BiasIh, Tensor WeightHh, Tensor BiasHh, Tensor Mask,
        Tensor[] Starts, Tensor?[] CellStarts) : IDisposable
    {
        public void Dispose()
        {
            foreach (var tensor in new[] { Input, WeightIh, BiasIh, WeightHh, BiasHh, Mask }.Concat(Starts).Concat(CellStarts.OfType<Tensor>()))
            {
                tensor.Dispose();
            }
        }
    }
}
