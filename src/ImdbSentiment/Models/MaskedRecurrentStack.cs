using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ImdbSentiment.Models;

/// <summary>
/// A multi-layer, optionally bidirectional GRU/LSTM/tanh-RNN over padded batches that gives exactly the results of
/// PyTorch's <c>nn.GRU</c>/<c>nn.LSTM</c>/<c>nn.RNN</c> on packed sequences, with the same parameter names, shapes,
/// gate order and initialisation (so state dicts move to and from PyTorch unchanged).
/// </summary>
/// <remarks>
/// Why not libtorch's own module on a <c>PackedSequence</c>? On the CPU its backward pass grows with the square of
/// the sequence length: one training step of the tutorial's bi-GRU on a 230×64 batch takes about 25 s on this
/// machine instead of 2 s (measured in <c>bench/</c>). Here each step masks the state update instead: a position past
/// a review's end leaves the state unchanged, so padding never reaches the final states in either direction.
/// In eval mode a batch without padding (a single review, as <c>predict</c> sends) has nothing to mask and runs on
/// libtorch's module instead (<see cref="FusedRecurrence"/>, sharing these parameters): same states, less per-step overhead.
/// </remarks>
public sealed class MaskedRecurrentStack : nn.Module<Tensor, Tensor, (Tensor Output, Tensor Hidden)>
{
    // Steps per segment of a pass without autograd: long enough for efficient projections, short enough that a
    // segment's temporaries are small next to the layer output.
    private const int InferenceSegment = 64;

    private readonly RecurrentCell _cell;
    private readonly int _hiddenSize;
    private readonly int _layers;
    private readonly int _directions;
    private readonly double _dropout;
    private readonly long _inputSize;
    private readonly List<string> _directionSuffixes = [];
    private readonly Lock _fusedGate = new();
    private FusedRecurrence? _fused;

    /// <summary>Creates the stack with PyTorch's initialisation: every weight and bias uniform in ±1/√hidden.</summary>
    /// <param name="cell">The recurrent cell.</param>
    /// <param name="inputSize">Features per input step.</param>
    /// <param name="hiddenSize">State width per direction.</param>
    /// <param name="layers">Stacked layers.</param>
    /// <param name="bidirectional">Whether each layer also runs backwards.</param>
    /// <param name="dropout">Dropout on each layer's output except the last, in training mode.</param>
    public MaskedRecurrentStack(RecurrentCell cell, int inputSize, int hiddenSize, int layers, bool bidirectional, double dropout)
        : base(nameof(MaskedRecurrentStack))
    {
        _cell = cell;
        _hiddenSize = hiddenSize;
        _layers = layers;
        _directions = bidirectional ? 2 : 1;
        _dropout = dropout;
        _inputSize = inputSize;
        var gates = cell switch { RecurrentCell.Gru => 3, RecurrentCell.Lstm => 4, _ => 1 };
        var bound = 1.0 / Math.Sqrt(hiddenSize);
        for (var layer = 0; layer < layers; layer++)
        {
            var layerInput = layer == 0 ? inputSize : hiddenSize * _directions;
            for (var direction = 0; direction < _directions; direction++)
            {
                var suffix = $"_l{layer}{(direction == 1 ? "_reverse" : string.Empty)}";
                void Make(string name, params long[] shape) =>
                    register_parameter(name + suffix, new Parameter(empty(shape).uniform_(-bound, bound)));

                Make("weight_ih", gates * hiddenSize, layerInput);
                Make("weight_hh", gates * hiddenSize, hiddenSize);
                Make("bias_ih", gates * hiddenSize);
                Make("bias_hh", gates * hiddenSize);
                _directionSuffixes.Add(suffix);
            }
        }
    }

    /// <summary>
    /// When set, training keeps the recurrent states only every this many steps and recomputes each segment's
    /// activations during the backward pass (see <see cref="RecomputedRecurrence"/>): the same gradients with memory that
    /// grows with T·B·H instead of with every step's gate activations, at the cost of a second forward pass.
    /// Ignored in eval mode and without autograd. Null (the default) keeps every activation.
    /// </summary>
    public int? RecomputeSegment
    {
        get;
        set => field = value is null or >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "must be ≥ 1");
    }

    /// <summary>
    /// When set (with <see cref="RecomputeSegment"/>), only batches whose recurrent activations would take more than
    /// this many megabytes are recomputed (<see cref="KeptActivationBytes"/>); smaller ones keep every activation and
    /// skip the second forward pass. Null recomputes every batch; 0 is the same.
    /// </summary>
    public int? RecomputeAboveMegabytes
    {
        get;
        set => field = value is null or >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "must be ≥ 0");
    }

    /// <summary>
    /// Sets <see cref="RecomputeSegment"/> and <see cref="RecomputeAboveMegabytes"/> on every recurrent stack inside
    /// <paramref name="model"/>.
    /// </summary>
    /// <param name="model">A model built by <see cref="ModelFactory"/> (or any module).</param>
    /// <param name="segment">Steps per recomputed segment, or null to keep every activation.</param>
    /// <param name="aboveMegabytes">Recompute only batches whose activations would exceed this, or null for every batch.</param>
    public static void SetRecomputation(nn.Module model, int? segment, int? aboveMegabytes = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        foreach (var stack in model.modules().OfType<MaskedRecurrentStack>())
        {
            stack.RecomputeSegment = segment;
            stack.RecomputeAboveMegabytes = aboveMegabytes;
        }
    }

    /// <summary>
    /// Estimates the bytes a training forward pass over <paramref name="steps"/> × <paramref name="batch"/> keeps for the
    /// backward pass when nothing is recomputed: per hidden unit, step, layer and direction, about 10 values for a GRU,
    /// 9 for an LSTM and 3 for a tanh RNN (measured on this implementation with <c>mallinfo2</c>, in fp32 and bf16).
    /// The backward pass needs about as much again for gradients at its peak.
    /// </summary>
    /// <param name="steps">Padded steps T.</param>
    /// <param name="batch">Reviews B.</param>
    /// <param name="elementSize">Bytes per value: 4 for fp32, 2 for bf16.</param>
    public long KeptActivationBytes(long steps, long batch, long elementSize)
    {
        var valuesPerUnitStep = _cell switch { RecurrentCell.Gru => 10, RecurrentCell.Lstm => 9, _ => 3 };
        return steps * batch * _hiddenSize * _layers * _directions * valuesPerUnitStep * elementSize;
    }

    /// <summary>Whether a training batch of this size is recomputed, by <see cref="RecomputeSegment"/> and <see cref="RecomputeAboveMegabytes"/>.</summary>
    internal bool Recomputes(long steps, long batch, long elementSize) =>
        RecomputeSegment is not null
        && (RecomputeAboveMegabytes is not { } above || KeptActivationBytes(steps, batch, elementSize) > above * 1_048_576L);

    /// <summary>Runs the stack.</summary>
    /// <param name="input">Padded inputs <c>[T, B, I]</c>; each review's real steps come first.</param>
    /// <param name="lengths">Real steps per review, int64 <c>[B]</c> on the CPU, each ≥ 1.</param>
    /// <returns>
    /// The last layer's outputs <c>[T, B, D·H]</c> (at padded positions they repeat the last real state; mask them
    /// before pooling) and the final states <c>[L·D, B, H]</c>, layer-major, forward before backward, as PyTorch orders <c>h_n</c>.
    /// </returns>
    public override (Tensor Output, Tensor Hidden) forward(Tensor input, Tensor lengths)
    {
        using var scope = NewDisposeScope();
        var steps = (int)input.shape[0];
        var lengthValues = lengths.data<long>().ToArray();
        var shortest = (int)lengthValues.Min();
        if (!training && shortest == steps)
        {
            // Nothing to mask (one review, or reviews of one length): libtorch's own loop gives the same states, faster.
            var (fusedOutput, fusedHidden) = Fused().Run(input);
            return (fusedOutput.MoveToOuterDisposeScope(), fusedHidden.MoveToOuterDisposeScope());
        }

        var mask = StepMask.Of(lengthValues, steps);                                        // [T, B, 1]
        var masks = mask.unbind(0);                                                         // T × [B, 1]
        var finals = new List<Tensor>(_layers * _directions);
        var grad = is_grad_enabled();
        var recompute = training && grad && Recomputes(input.shape[0], input.shape[1], input.ElementSize);
        var layerInput = input;
        for (var layer = 0; layer < _layers; layer++)
        {
            if (layer > 0 && training && _dropout > 0)
            {
                layerInput = Replace(layerInput, nn.functional.dropout(layerInput, _dropout, training: true));
            }

            if (!grad)
            {
                // Without autograd nothing else keeps the per-step tensors, so each direction writes straight into its
                // half of the layer output, one segment at a time: no [T, B, G·H] projection, no stack, no cat.
                var layerOutput = empty(steps, input.shape[1], _directions * _hiddenSize, dtype: input.dtype);
                for (var direction = 0; direction < _directions; direction++)
                {
                    var (final, _) = Recurrence.RunSegments(_cell, layerInput, Weights(_directionSuffixes[(layer * _directions) + direction]), masks,
                        shortest, reverse: direction == 1, InferenceSegment, layerOutput.narrow(2, direction * _hiddenSize, _hiddenSize));
                    finals.Add(final);
                }

                layerInput = Replace(layerInput, layerOutput);
                continue;
            }

            var outputs = new Tensor[_directions];
            for (var direction = 0; direction < _directions; direction++)
            {
                var (output, final) = RunDirection(Weights(_directionSuffixes[(layer * _directions) + direction]), layerInput, mask, masks, shortest, recompute, reverse: direction == 1);
                outputs[direction] = output;
                finals.Add(final);
            }

            layerInput = Replace(layerInput, _directions == 1 ? outputs[0] : cat(outputs, 2));
            if (_directions > 1)
            {
                Array.ForEach(outputs, o => o.Dispose());
            }
        }

        return (layerInput.MoveToOuterDisposeScope(), stack(finals, 0).MoveToOuterDisposeScope());

        // Frees a layer's intermediate [T, B, ·] tensor as soon as the next one exists (autograd keeps what it needs):
        // on the longest training batch each is hundreds of megabytes, and the dispose scope would hold them to the end.
        Tensor Replace(Tensor previous, Tensor next)
        {
            if (!ReferenceEquals(previous, input))
            {
                previous.Dispose();
            }

            return next;
        }
    }

    private (Tensor Output, Tensor Final) RunDirection(DirectionWeights w, Tensor input, Tensor mask, Tensor[] masks, int shortest, bool recompute, bool reverse)
    {
        var steps = (int)input.shape[0];
        if (recompute && RecomputeSegment is { } segment)
        {
            var all = RecomputedRecurrence.apply(input, w.WeightIh, w.BiasIh, w.WeightHh, w.BiasHh, mask,
                new RecomputedRecurrence.Settings(_cell, _hiddenSize, reverse, shortest, segment));
            // A copy, not a view: a view would keep all T steps' states alive until the end of the training step.
            return (all, all[reverse ? 0 : steps - 1].clone());
        }

        var projected = nn.functional.linear(input, w.WeightIh, w.BiasIh).unbind(0);          // T × [B, G·H], all steps at once
        var h = zeros(input.shape[1], _hiddenSize, dtype: input.dtype);
        var c = _cell == RecurrentCell.Lstm ? zeros(input.shape[1], _hiddenSize, dtype: input.dtype) : null;
        var outputs = new Tensor[steps];
        (h, _) = Recurrence.Run(_cell, projected, 0, w.WeightHh.t(), w.BiasHh, masks, shortest, reverse, steps, 0, steps, h, c, outputs);
        return (stack(outputs, 0), h);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _fused?.Dispose();
            _fused = null;
        }

        base.Dispose(disposing);
    }

    private FusedRecurrence Fused()
    {
        lock (_fusedGate)
        {
            if (_fused is null || !_fused.Aliases(Get))
            {
                _fused?.Dispose();
                _fused = FusedRecurrence.Create(_cell, _inputSize, _hiddenSize, _layers, _directions == 2, Get);
            }

            return _fused;
        }
    }

    // Looked up on every call rather than cached: Module.to(dtype) and load_state_dict may replace the parameters.
    private DirectionWeights Weights(string suffix) => new(Get("weight_ih" + suffix), Get("weight_hh" + suffix), Get("bias_ih" + suffix), Get("bias_hh" + suffix));

    private Parameter Get(string name) => get_parameter(name) ?? throw new InvalidOperationException($"parameter {name} is missing");
}
