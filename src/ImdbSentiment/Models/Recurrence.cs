using ImdbSentiment.Runtime;
using static TorchSharp.torch;

namespace ImdbSentiment.Models;

/// <summary>
/// The time loop of one direction of one layer of <see cref="MaskedRecurrentStack"/>, shared by its ordinary path and
/// by <see cref="RecomputedRecurrence"/>, which replays segments of it during the backward pass.
/// </summary>
internal static class Recurrence
{
    /// <summary>
    /// Runs loop steps <paramref name="from"/> to <paramref name="to"/> (exclusive) from the state (h, c). Loop step k is
    /// time <c>k</c>, or <c>steps − 1 − k</c> when the loop runs in reverse.
    /// </summary>
    /// <param name="loop">The cell, its recurrent weights, the masks and the direction.</param>
    /// <param name="projected">Input projections <c>W_ih·x + b_ih</c>, <c>[B, G·H]</c> each, indexed by time − <paramref name="offset"/>.</param>
    /// <param name="offset">The time of <c>projected[0]</c> and <c>outputs[0]</c>.</param>
    /// <param name="from">The first loop step.</param>
    /// <param name="to">The loop step to stop before.</param>
    /// <param name="h">The state before <paramref name="from"/>.</param>
    /// <param name="c">The LSTM cell state before <paramref name="from"/>, else null.</param>
    /// <param name="outputs">Receives the state after each step, indexed by time − <paramref name="offset"/>.</param>
    /// <returns>The states after the last step.</returns>
    public static (Tensor H, Tensor? C) Run(in TimeLoop loop, Tensor[] projected, int offset, int from, int to, Tensor h, Tensor? c, Tensor[] outputs)
    {
        var (cell, recurrent, recurrentBias, masks, shortest, reverse, steps) = loop;
        for (var k = from; k < to; k++)
        {
            // A scope per step: without it every step's temporaries would live until the whole sequence is done
            // (gigabytes on long reviews). What backward needs is kept alive by autograd, not by these handles.
            using var stepScope = NewDisposeScope();
            var t = reverse ? steps - 1 - k : k;
            var x = projected[t - offset];
            var gates = addmm(recurrentBias, h, recurrent, 1, 1);                           // [B, G·H]
            Tensor next;
            Tensor? nextCell = null;
            switch (cell)
            {
                case RecurrentCell.Gru:
                {
                    var xs = x.chunk(3, 1);
                    var r = gates.chunk(3, 1);
                    var reset = xs[0].add(r[0], NativeScalars.One).sigmoid();
                    var update = xs[1].add(r[1], NativeScalars.One).sigmoid();
                    var candidate = xs[2].add(reset * r[2], NativeScalars.One).tanh();
                    next = candidate.add(update * (h - candidate), NativeScalars.One);         // (1 − z)·n + z·h
                    break;
                }

                case RecurrentCell.Lstm:
                {
                    var g = x.add(gates, NativeScalars.One).chunk(4, 1);
                    nextCell = (g[1].sigmoid() * c!).add(g[0].sigmoid() * g[2].tanh(), NativeScalars.One);
                    next = g[3].sigmoid() * nextCell.tanh();
                    break;
                }

                default:
                    next = x.add(gates, NativeScalars.One).tanh();
                    break;
            }

            // Past a review's end the state stays as it was; before the shortest end no review needs the mask.
            var masked = t >= shortest;
            h = (masked ? where(masks[t], next, h) : next).MoveToOuterDisposeScope();
            if (nextCell is not null)
            {
                c = (masked ? where(masks[t], nextCell, c!) : nextCell).MoveToOuterDisposeScope();
            }

            outputs[t - offset] = h;
        }

        return (h, c);
    }

    /// <summary>
    /// Runs a whole direction <paramref name="segment"/> steps at a time from zero states: each segment's input projection
    /// and states are computed, written into <paramref name="destination"/> and freed, so that beyond the output the pass
    /// needs one segment's memory instead of <c>[T, B, G·H]</c> of projections and T states (hundreds of megabytes on a
    /// long batch). Meant for passes without autograd, where nothing else keeps those tensors alive.
    /// </summary>
    /// <param name="loop">The cell, its recurrent weights, the masks and the direction (<see cref="TimeLoop.For"/>).</param>
    /// <param name="input">The layer input <c>[T, B, I]</c>.</param>
    /// <param name="weights">The direction's weights.</param>
    /// <param name="segment">Steps per segment.</param>
    /// <param name="destination">Receives the state after every step, <c>[T, B, H]</c> (may be a view).</param>
    /// <param name="segmentStarting">Called with each segment's index and the state (h, c) before it.</param>
    /// <returns>The states after the last loop step.</returns>
    public static (Tensor H, Tensor? C) RunSegments(
        in TimeLoop loop, Tensor input, DirectionWeights weights, int segment, Tensor destination, Action<int, Tensor, Tensor?>? segmentStarting = null)
    {
        var (h, c) = ZeroStates(loop.Cell, input.shape[1], weights.WeightHh.shape[1], input.dtype);
        return RunSegments(loop, input, weights, segment, destination, 0, loop.Steps, h, c, segmentStarting);
    }

    /// <summary>
    /// Like the other overload, for loop steps <paramref name="from"/> to <paramref name="to"/> (exclusive) from the
    /// state (<paramref name="h"/>, <paramref name="c"/>); only those steps' times of <paramref name="destination"/> are written.
    /// </summary>
    public static (Tensor H, Tensor? C) RunSegments(
        in TimeLoop loop, Tensor input, DirectionWeights weights, int segment, Tensor destination, int from, int to, Tensor h, Tensor? c,
        Action<int, Tensor, Tensor?>? segmentStarting = null)
    {
        var (steps, reverse) = (loop.Steps, loop.Reverse);
        for (var start = from; start < to; start += segment)
        {
            segmentStarting?.Invoke((start - from) / segment, h, c);
            var stop = Math.Min(to, start + segment);
            var (first, length) = (reverse ? steps - stop : start, stop - start);
            using var segmentScope = NewDisposeScope();
            var projected = nn.functional.linear(input.narrow(0, first, length), weights.WeightIh, weights.BiasIh).unbind(0);
            var outputs = new Tensor[length];
            (h, c) = Run(loop, projected, first, start, stop, h, c, outputs);
            destination.narrow(0, first, length).copy_(stack(outputs, 0));
            h = h.MoveToOuterDisposeScope();
            c = c?.MoveToOuterDisposeScope();
        }

        return (h, c);
    }

    /// <summary>Zero states (h, and c for an LSTM) for a batch.</summary>
    public static (Tensor H, Tensor? C) ZeroStates(RecurrentCell cell, long batch, long hidden, ScalarType dtype) =>
        (zeros(batch, hidden, dtype: dtype), cell == RecurrentCell.Lstm ? zeros(batch, hidden, dtype: dtype) : null);

    /// <summary>How many segments of <paramref name="segment"/> steps cover <paramref name="steps"/>.</summary>
    public static int SegmentCount(int steps, int segment) => (steps + segment - 1) / segment;

    /// <summary>Segment <paramref name="index"/> covers loop steps [From, To), which are the times [First, First + Length).</summary>
    public static (int From, int To, int First, int Length) Span(int steps, int segment, bool reverse, int index)
    {
        var from = index * segment;
        var to = Math.Min(steps, from + segment);
        return (from, to, reverse ? steps - to : from, to - from);
    }
}
