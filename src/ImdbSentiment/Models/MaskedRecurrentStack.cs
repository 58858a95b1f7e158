using ImdbSentiment.Runtime;
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
/// the sequence length (docs/benchmarks.md, train step). Here each step masks the state update instead: a position past a review's
/// end leaves the state unchanged, so padding never reaches the final states in either direction. That plain masked
/// loop is the reference; <see cref="Routes"/> lets the execution layer switch on faster routes that compute the same.
/// </remarks>
public sealed class MaskedRecurrentStack : nn.Module<Tensor, Tensor, (Tensor Output, Tensor Hidden)>
{
    private readonly RecurrentCell _cell;
    private readonly int _hiddenSize;
    private readonly int _layers;
    private readonly int _directions;
    private readonly double _dropout;
    private readonly long _inputSize;
    private readonly Lock _modulesGate = new();
    private readonly BackwardHandoff _handoff = new();
    private LibTorchRecurrence? _libTorch;

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
                var suffix = Suffix(layer, direction);
                void Make(string name, params long[] shape) =>
                    register_parameter(name + suffix, new Parameter(empty(shape).uniform_(-bound, bound)));

                Make("weight_ih", gates * hiddenSize, layerInput);
                Make("weight_hh", gates * hiddenSize, hiddenSize);
                Make("bias_ih", gates * hiddenSize);
                Make("bias_hh", gates * hiddenSize);
            }
        }
    }

    /// <summary>The recurrent cell.</summary>
    public RecurrentCell Cell => _cell;

    /// <summary>The optional faster routes this stack may take; <see cref="RecurrenceRoutes.Plain"/> (the default) takes none.</summary>
    public RecurrenceRoutes Routes
    {
        get;
        set => field = value ?? throw new ArgumentNullException(nameof(value));
    } = RecurrenceRoutes.Plain;

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

    /// <summary>Whether a training batch of this size is recomputed, by <see cref="Routes"/>.</summary>
    internal bool Recomputes(long steps, long batch, long elementSize) =>
        Routes.RecomputeSegment is not null
        && (Routes.RecomputeAboveMegabytes is not { } above || KeptActivationBytes(steps, batch, elementSize) > above * 1_048_576L);

    /// <summary>
    /// Frees the gradients the last backward pass handed to libtorch (see <see cref="BackwardHandoff"/>). Call after the
    /// backward pass; the next forward pass does it too.
    /// </summary>
    public void ReleaseBackwardTensors() => _handoff.Release();

    /// <summary>Runs the stack.</summary>
    /// <param name="input">Padded inputs <c>[T, B, I]</c>; each review's real steps come first.</param>
    /// <param name="lengths">Real steps per review, int64 <c>[B]</c> on the CPU, each ≥ 1.</param>
    /// <returns>
    /// The last layer's outputs <c>[T, B, D·H]</c> (at padded positions they are meaningless; mask them before pooling)
    /// and the final states <c>[L·D, B, H]</c>, layer-major, forward before backward, as PyTorch orders <c>h_n</c>.
    /// </returns>
    public override (Tensor Output, Tensor Hidden) forward(Tensor input, Tensor lengths)
    {
        _handoff.Release();
        using var scope = NewDisposeScope();
        var routes = Routes;
        var pass = Plan(input, lengths, routes);
        var finals = new Tensor[_layers * _directions];
        var layerInput = input;
        for (var layer = 0; layer < _layers; layer++)
        {
            if (layer > 0 && training && _dropout > 0)
            {
                layerInput = Replace(layerInput, nn.functional.dropout(layerInput, _dropout, training: true));
            }

            layerInput = Replace(layerInput, pass.Grad
                ? LayerWithAutograd(pass, layer, layerInput, finals)
                : LayerWithoutAutograd(pass, routes, layer, layerInput, finals, scope));
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

    // Which route this batch takes, and the masks or reversal indices it needs; tensors made here belong to the caller's scope.
    private Pass Plan(Tensor input, Tensor lengths, RecurrenceRoutes routes)
    {
        var lengthValues = lengths.data<long>().ToArray();
        var pass = new Pass(input, (int)lengthValues.Min(), is_grad_enabled(), routes.InferenceSegment);
        if (training && pass.Grad && Recomputes(input.shape[0], input.shape[1], input.ElementSize))
        {
            pass.Recompute = routes.RecomputeSegment;
        }
        else if (routes.LibTorchModule && LibTorchRecurrence.Supports(_cell)
                 && (pass.Grad || (long)pass.Steps * input.shape[1] <= routes.LibTorchInferencePositions))
        {
            pass.LibTorch = LibTorchModules();
        }

        if (pass.Shortest < pass.Steps && pass.LibTorch is not null)
        {
            pass.Reversal = ReversalIndex(lengthValues, pass.Steps);
            pass.Last = lengths.sub(NativeScalars.One).view(1, -1, 1);
        }
        else if (pass.Shortest < pass.Steps || pass.Recompute is not null)
        {
            pass.Mask = StepMask.Of(lengthValues, pass.Steps);                                   // [T, B, 1]
            pass.Masks = pass.Mask.unbind(0);                                                   // T × [B, 1]
        }

        return pass;
    }

    // One layer with autograd: the directions one after the other, their outputs joined along the features.
    private Tensor LayerWithAutograd(Pass pass, int layer, Tensor layerInput, Tensor[] finals)
    {
        var outputs = new Tensor[_directions];
        for (var direction = 0; direction < _directions; direction++)
        {
            var (output, final) = RunDirection(pass, layer, direction, layerInput, destination: null);
            (outputs[direction], finals[(layer * _directions) + direction]) = (output!, final);
        }

        if (_directions == 1)
        {
            return outputs[0];
        }

        var joined = cat(outputs, 2);
        Array.ForEach(outputs, o => o.Dispose());
        return joined;
    }

    // One layer without autograd: each direction writes into its half of the layer output, possibly on another thread;
    // the final states are attached to the forward pass's scope.
    private Tensor LayerWithoutAutograd(Pass pass, RecurrenceRoutes routes, int layer, Tensor layerInput, Tensor[] finals, TorchSharp.DisposeScope scope)
    {
        var layerOutput = empty(pass.Steps, layerInput.shape[1], _directions * _hiddenSize, dtype: layerInput.dtype);
        var destinations = Enumerable.Range(0, _directions).Select(d => layerOutput.narrow(2, d * _hiddenSize, _hiddenSize)).ToArray();
        void Direction(int direction)
        {
            // Its temporaries stay in its own scope; the final state is handed over untracked and attached below.
            using var directionScope = NewDisposeScope();
            var (_, final) = RunDirection(pass, layer, direction, layerInput, destinations[direction]);
            finals[(layer * _directions) + direction] = final.DetachFromDisposeScope();
        }

        try
        {
            if (_directions > 1 && routes.Directions is { } runner)
            {
                runner.Run(_directions, Direction);
            }
            else
            {
                for (var direction = 0; direction < _directions; direction++)
                {
                    Direction(direction);
                }
            }
        }
        finally
        {
            scope.Attach(finals.Skip(layer * _directions).Take(_directions).Where(f => f is not null));
        }

        return layerOutput;
    }

    /// <summary>The PyTorch name suffix of a layer and direction's parameters, e.g. <c>_l1_reverse</c>.</summary>
    internal static string Suffix(int layer, int direction) => $"_l{layer}{(direction == 1 ? "_reverse" : string.Empty)}";

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _libTorch?.Dispose();
            _libTorch = null;
        }

        base.Dispose(disposing);
    }

    // One direction of one layer: its states [T, B, H] (written into destination when one is given, else returned)
    // and its final state [B, H]. Time runs forwards for direction 0 and backwards for direction 1.
    private (Tensor? Output, Tensor Final) RunDirection(Pass pass, int layer, int direction, Tensor input, Tensor? destination)
    {
        var weights = Weights(Suffix(layer, direction));
        var reverse = direction == 1;
        Tensor states;
        Tensor final;
        if (pass.Recompute is { } segment)
        {
            states = RecomputedRecurrence.apply(input, weights.WeightIh, weights.BiasIh, weights.WeightHh, weights.BiasHh, pass.Mask!,
                new RecomputedRecurrence.Settings(_cell, _hiddenSize, reverse, pass.Shortest, segment, _handoff));
            // A copy, not a view: a view would keep all T steps' states alive until the end of the training step.
            final = states[reverse ? 0 : pass.Steps - 1].clone();
        }
        else if (pass.LibTorch is { } modules)
        {
            (states, final) = OnLibTorch(pass, modules, layer, direction, input, weights);
        }
        else
        {
            var masks = pass.Masks ?? [];
            var (h, c) = Recurrence.ZeroStates(_cell, input.shape[1], _hiddenSize, input.dtype);
            if (destination is not null && pass.Segment is { } inferenceSegment)
            {
                (final, _) = Recurrence.RunSegments(TimeLoop.For(_cell, weights, masks, pass.Shortest, reverse, pass.Steps), input, weights, inferenceSegment,
                    destination, 0, pass.Steps, h, c);
                return (null, final);
            }

            var projected = nn.functional.linear(input, weights.WeightIh, weights.BiasIh).unbind(0);           // all steps at once
            var outputs = new Tensor[pass.Steps];
            (final, _) = Recurrence.Run(TimeLoop.For(_cell, weights, masks, pass.Shortest, reverse, pass.Steps), projected, 0, 0, pass.Steps, h, c, outputs);
            states = stack(outputs, 0);
        }

        if (destination is null)
        {
            return (states, final);
        }

        destination.copy_(states);
        return (null, final);
    }

    // libtorch's module over the whole batch: backwards on each review reversed within its length (the reversal is its
    // own inverse, so the same index puts the states back in time order); final states at each review's last step.
    private (Tensor States, Tensor Final) OnLibTorch(Pass pass, LibTorchRecurrence modules, int layer, int direction, Tensor input, DirectionWeights weights)
    {
        var reverse = direction == 1;
        var x = !reverse ? input : pass.Reversal is { } reversal ? input.gather(0, reversal.expand(-1, -1, input.shape[2])) : input.flip(0);
        var initial = zeros(input.shape[1], _hiddenSize, dtype: input.dtype);
        var states = pass.Grad
            ? LibTorchRecurrenceFunction.apply(x, initial, weights.WeightIh, weights.WeightHh, weights.BiasIh, weights.BiasHh,
                new LibTorchRecurrenceFunction.Settings(modules, layer, direction, _handoff))
            : modules.Run(layer, direction, x, initial);
        var final = pass.Last is { } last ? states.gather(0, last.expand(-1, -1, _hiddenSize)).squeeze(0) : states[pass.Steps - 1];
        if (reverse)
        {
            states = pass.Reversal is { } back ? states.gather(0, back.expand(-1, -1, _hiddenSize)) : states.flip(0);
        }

        return (states, final);
    }

    // [T, B, 1]: for each review, the time its backward pass reads at loop step t (its own steps reversed, padding after).
    private static Tensor ReversalIndex(long[] lengths, int steps)
    {
        var values = new long[steps * lengths.Length];
        for (var t = 0; t < steps; t++)
        {
            for (var b = 0; b < lengths.Length; b++)
            {
                values[(t * lengths.Length) + b] = t < lengths[b] ? lengths[b] - 1 - t : t;
            }
        }

        return tensor(values, [steps, lengths.Length, 1]);
    }

    private LibTorchRecurrence LibTorchModules()
    {
        lock (_modulesGate)
        {
            if (_libTorch is null || !_libTorch.Aliases(Get))
            {
                _libTorch?.Dispose();
                _libTorch = LibTorchRecurrence.Create(_cell, _inputSize, _hiddenSize, _layers, _directions, Get);
            }

            return _libTorch;
        }
    }

    // Looked up on every call rather than cached: Module.to(dtype) and load_state_dict may replace the parameters.
    private DirectionWeights Weights(string suffix) => new(Get("weight_ih" + suffix), Get("weight_hh" + suffix), Get("bias_ih" + suffix), Get("bias_hh" + suffix));

    private Parameter Get(string name) => get_parameter(name) ?? throw new InvalidOperationException($"parameter {name} is missing");

    // What one forward pass decided, shared by its layers and directions.
    private sealed class Pass(Tensor input, int shortest, bool grad, int? inferenceSegment)
    {
        public int Steps { get; } = (int)input.shape[0];

        public int Shortest { get; } = shortest;

        public bool Grad { get; } = grad;

        // Passes without autograd write each direction's states segment by segment, when the route is on.
        public int? Segment { get; } = grad ? null : inferenceSegment;

        public Tensor? Mask { get; set; }

        public Tensor[]? Masks { get; set; }

        public int? Recompute { get; set; }

        public LibTorchRecurrence? LibTorch { get; set; }

        // For the libtorch route on a padded batch: the per-review reversal, and each review's last step ([1, B, 1]).
        public Tensor? Reversal { get; set; }

        public Tensor? Last { get; set; }
    }
}
