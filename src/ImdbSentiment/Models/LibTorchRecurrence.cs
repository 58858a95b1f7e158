using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ImdbSentiment.Models;

/// <summary>
/// libtorch's own single-layer <c>nn.GRU</c>/<c>nn.RNN</c>, one per layer and direction of a
/// <see cref="MaskedRecurrentStack"/>, whose parameters share storage with the stack's (<c>set_</c>): on steps where no
/// review is padded it computes the same states as the masked loop, with one call instead of a dozen per step.
/// </summary>
/// <remarks>
/// In-place changes to the stack's parameters (optimizer steps, <c>load_state_dict</c>) show through; when they are
/// replaced (<c>to(dtype)</c>) <see cref="Aliases"/> turns false and the stack builds a new one. The modules' parameters
/// are their own autograd leaves: in training <see cref="LibTorchRecurrenceFunction"/> hands their gradients to the
/// stack's parameters. Never registered as a sub-module, so state dicts and parameter lists are unchanged. LSTM is not
/// supported on purpose: libtorch runs <c>nn.LSTM</c> through oneDNN's RNN kernel, wrong for some hidden sizes on AVX-512.
/// </remarks>
internal sealed class LibTorchRecurrence : IDisposable
{
    private readonly Direction[][] _layers;
    private readonly (string Name, Parameter Source)[] _sources;

    private LibTorchRecurrence(Direction[][] layers, (string Name, Parameter Source)[] sources)
    {
        _layers = layers;
        _sources = sources;
    }

    /// <summary>Whether libtorch's module computes this cell without a kernel we have seen give wrong results.</summary>
    public static bool Supports(RecurrentCell cell) => cell is RecurrentCell.Gru or RecurrentCell.Rnn;

    /// <summary>Builds the modules, in eval mode, over the stack's parameters.</summary>
    /// <param name="cell">GRU or tanh RNN.</param>
    /// <param name="inputSize">The first layer's input width.</param>
    /// <param name="hiddenSize">State width per direction.</param>
    /// <param name="layers">Stacked layers.</param>
    /// <param name="directions">1 or 2.</param>
    /// <param name="parameter">Looks up one of the stack's parameters by its PyTorch name.</param>
    public static LibTorchRecurrence Create(RecurrentCell cell, long inputSize, int hiddenSize, int layers, int directions, Func<string, Parameter> parameter)
    {
        if (!Supports(cell))
        {
            throw new ArgumentOutOfRangeException(nameof(cell), cell, "only GRU and tanh-RNN stacks run on libtorch's module");
        }

        // The modules' own initialisation is overwritten below; it must not draw from torch's random stream, or a resumed
        // run (which builds them at another point of that stream) would see other dropout masks than an uninterrupted one.
        // Built outside inference mode even when first needed inside it: parameters made there are inference tensors,
        // which autograd refuses when the same stack trains later.
        using var normal = inference_mode(false);
        using var rng = torch.get_rng_state();
        try
        {
            return Build(cell, inputSize, hiddenSize, layers, directions, parameter);
        }
        finally
        {
            torch.set_rng_state(rng);
        }
    }

    private static LibTorchRecurrence Build(RecurrentCell cell, long inputSize, int hiddenSize, int layers, int directions, Func<string, Parameter> parameter)
    {
        var sources = new List<(string Name, Parameter Source)>();
        var built = new Direction[layers][];
        for (var layer = 0; layer < layers; layer++)
        {
            built[layer] = new Direction[directions];
            var layerInput = layer == 0 ? inputSize : (long)hiddenSize * directions;
            for (var direction = 0; direction < directions; direction++)
            {
                var suffix = MaskedRecurrentStack.Suffix(layer, direction);
                var module = cell == RecurrentCell.Gru ? (nn.Module)nn.GRU(layerInput, hiddenSize) : nn.RNN(layerInput, hiddenSize);
                module.to(parameter("weight_ih" + suffix).dtype);
                module.eval();
                var own = new Parameter[4];
                using (no_grad())
                {
                    var index = 0;
                    foreach (var name in new[] { "weight_ih", "weight_hh", "bias_ih", "bias_hh" })
                    {
                        // Kept past the caller's dispose scope: the autograd function differentiates with respect to it.
                        var target = module.get_parameter(name + "_l0") ?? throw new InvalidOperationException($"libtorch's module has no {name}_l0");
                        target.DetachFromDisposeScope();
                        var source = parameter(name + suffix);
                        target.set_(source);
                        sources.Add((name + suffix, source));
                        own[index++] = target;
                    }
                }

                built[layer][direction] = new Direction(module, own);
            }
        }

        return new LibTorchRecurrence(built, [.. sources]);
    }

    /// <summary>Whether every module parameter still aliases the stack's current parameter of that name.</summary>
    /// <param name="parameter">Looks up one of the stack's parameters by its PyTorch name.</param>
    public bool Aliases(Func<string, Parameter> parameter) => _sources.All(s => ReferenceEquals(s.Source, parameter(s.Name)));

    /// <summary>The module's own parameters for one layer and direction: W_ih, W_hh, b_ih, b_hh.</summary>
    public IReadOnlyList<Parameter> Parameters(int layer, int direction) => _layers[layer][direction].Parameters;

    /// <summary>
    /// The states after every step of <paramref name="input"/> (<c>[S, B, I]</c>, run forwards in time) from
    /// <paramref name="initial"/> (<c>[B, H]</c>, or zeros when null), in the calling thread's autograd mode.
    /// </summary>
    /// <returns><c>[S, B, H]</c>.</returns>
    public Tensor Run(int layer, int direction, Tensor input, Tensor? initial)
    {
        using var scope = NewDisposeScope();
        var h0 = initial?.unsqueeze(0);
        var (output, _) = _layers[layer][direction].Module switch
        {
            GRU gru => gru.call(input, h0),
            RNN rnn => rnn.call(input, h0),
            var other => throw new InvalidOperationException($"unexpected module {other.GetType().Name}"),
        };
        return output.MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var direction in _layers.SelectMany(l => l))
        {
            direction.Module.Dispose();
        }
    }

    private sealed record Direction(nn.Module Module, Parameter[] Parameters);
}
