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

    /// <summary>Sets <see cref="RecomputeSegment"/> on every recurrent stack inside <paramref name="model"/>.</summary>
    /// <param name="model">A model built by <see cref="ModelFactory"/> (or any module).</param>
    /// <param name="segment">Steps per recomputed segment, or null to keep every activation.</param>
    public static void SetRecomputeSegment(nn.Module model, int? segment)
    {
        ArgumentNullException.ThrowIfNull(model);
        foreach (var stack in model.modules().OfType<MaskedRecurrentStack>())
        {
            stack.RecomputeSegment = segment;
        }
    }

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

        var mask = arange(steps).unsqueeze(1).lt(lengths.unsqueeze(0)).unsqueeze(2);        // [T, B, 1]
        var masks = mask.unbind(0);                                                         // T × [B, 1]
        var finals = new List<Tensor>(_layers * _directions);
        var layerInput = input;
        for (var layer = 0; layer < _layers; layer++)
        {
            if (layer > 0 && training && _dropout > 0)
            {
                layerInput = Replace(layerInput, nn.functional.dropout(layerInput, _dropout, training: true));
            }

            var outputs = new Tensor[_directions];
            for (var direction = 0; direction < _directions; direction++)
            {
                var (output, final) = RunDirection(Weights(_directionSuffixes[(layer * _directions) + direction]), layerInput, mask, masks, shortest, reverse: direction == 1);
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

    private (Tensor Output, Tensor Final) RunDirection(DirectionWeights w, Tensor input, Tensor mask, Tensor[] masks, int shortest, bool reverse)
    {
        var steps = (int)input.shape[0];
        if (RecomputeSegment is { } segment && training && is_grad_enabled())
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

    private sealed record DirectionWeights(Parameter WeightIh, Parameter WeightHh, Parameter BiasIh, Parameter BiasHh);
}
