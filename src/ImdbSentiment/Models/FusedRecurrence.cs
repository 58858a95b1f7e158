using ImdbSentiment.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ImdbSentiment.Models;

/// <summary>
/// libtorch's own <c>nn.GRU</c>/<c>nn.LSTM</c>/<c>nn.RNN</c>, one single-layer module per layer and direction, whose
/// parameters share storage with a <see cref="MaskedRecurrentStack"/>'s, for inference on batches without padding (one
/// review, or reviews of one length). There the mask is a no-op and libtorch's C++ time loop gives the same states with
/// one call instead of a dozen TorchSharp calls per step: warm <c>predict</c> of a short review is dominated by that
/// per-call overhead.
/// </summary>
/// <remarks>
/// <para>
/// The two directions of a layer are independent, and on one short review each step's operations are far too small for
/// libtorch to split across cores. So in inference mode, when the caller has more than one libtorch thread, the
/// directions run at once on two worker threads (<see cref="ParallelInference"/>); the backward direction runs
/// on the time-reversed input. Otherwise, or while the workers are busy with another caller, they run one after the
/// other on the calling thread.
/// </para>
/// <para>
/// The parameters alias the stack's tensors (<c>set_</c>), so in-place changes (optimizer steps,
/// <c>load_state_dict</c>) show through; when the stack's parameters are replaced (<c>to(dtype)</c>) the caller sees
/// <see cref="Aliases"/> turn false and builds a new one. Never registered as a sub-module, so state dicts and
/// parameter lists are unchanged.
/// </para>
/// </remarks>
internal sealed class FusedRecurrence : IDisposable
{
    private readonly Direction[][] _layers;
    private readonly (string Name, Parameter Source)[] _sources;

    private FusedRecurrence(Direction[][] layers, (string Name, Parameter Source)[] sources)
    {
        _layers = layers;
        _sources = sources;
    }

    /// <summary>Builds the libtorch modules of this shape and aliases the stack's parameters.</summary>
    /// <param name="cell">The stack's cell.</param>
    /// <param name="inputSize">Features per input step.</param>
    /// <param name="hiddenSize">State width per direction.</param>
    /// <param name="layers">Stacked layers.</param>
    /// <param name="bidirectional">Whether each layer also runs backwards.</param>
    /// <param name="parameter">Looks up one of the stack's parameters by its PyTorch name.</param>
    /// <returns>The fused modules, in eval mode.</returns>
    public static FusedRecurrence Create(RecurrentCell cell, long inputSize, int hiddenSize, int layers, bool bidirectional, Func<string, Parameter> parameter)
    {
        var directions = bidirectional ? 2 : 1;
        var sources = new List<(string Name, Parameter Source)>();
        var built = new Direction[layers][];
        for (var layer = 0; layer < layers; layer++)
        {
            built[layer] = new Direction[directions];
            var layerInput = layer == 0 ? inputSize : (long)hiddenSize * directions;
            for (var direction = 0; direction < directions; direction++)
            {
                var suffix = $"_l{layer}{(direction == 1 ? "_reverse" : string.Empty)}";
                var (module, run) = Build(cell, layerInput, hiddenSize);
                module.to(parameter("weight_ih" + suffix).dtype);
                module.eval();
                using (no_grad())
                {
                    foreach (var (name, target) in module.named_parameters())
                    {
                        var stackName = name.Replace("_l0", suffix, StringComparison.Ordinal);
                        var source = parameter(stackName);
                        target.set_(source);
                        sources.Add((stackName, source));
                    }
                }

                built[layer][direction] = new Direction(module, run, Reverse: direction == 1);
            }
        }

        return new FusedRecurrence(built, [.. sources]);
    }

    /// <summary>Whether every parameter still aliases the stack's current parameter of that name.</summary>
    /// <param name="parameter">Looks up one of the stack's parameters by its PyTorch name.</param>
    public bool Aliases(Func<string, Parameter> parameter) => _sources.All(s => ReferenceEquals(s.Source, parameter(s.Name)));

    /// <summary>Whether, on the calling thread, a bidirectional layer's two directions run at once on worker threads.</summary>
    internal static bool SplitsDirections => is_inference_mode_enabled() && torch.get_num_threads() > 1;

    /// <summary>Runs the layers over an unpadded input.</summary>
    /// <param name="input"><c>[T, B, I]</c>, every review exactly T steps long.</param>
    /// <returns>Outputs <c>[T, B, D·H]</c> and final states <c>[L·D, B, H]</c>, as <see cref="MaskedRecurrentStack"/> gives them.</returns>
    public (Tensor Output, Tensor Hidden) Run(Tensor input)
    {
        using var scope = NewDisposeScope();
        var inParallel = _layers[0].Length > 1 && SplitsDirections;
        var finals = new List<Tensor>(_layers.Length * _layers[0].Length);
        var layerInput = input;
        foreach (var layer in _layers)
        {
            var results = new (Tensor Output, Tensor Hidden)[layer.Length];
            void RunDirection(int d)
            {
                // Tensors made on a worker thread belong to its scope; they are handed over untracked and attached below.
                using var directionScope = NewDisposeScope();
                var direction = layer[d];
                var (output, hidden) = direction.Run(direction.Reverse ? layerInput.flip(0) : layerInput);
                results[d] = ((direction.Reverse ? output.flip(0) : output).DetachFromDisposeScope(), hidden.DetachFromDisposeScope());
            }

            try
            {
                // When the workers are busy (an evaluation on another thread), one after the other here beats waiting.
                if (!inParallel || !ParallelInference.TryRun(layer.Length, layer.Length, RunDirection))
                {
                    for (var d = 0; d < layer.Length; d++)
                    {
                        RunDirection(d);
                    }
                }
            }
            finally
            {
                scope.Attach(results.Where(r => r.Output is not null).SelectMany(r => new IDisposable[] { r.Output, r.Hidden }));
            }

            finals.AddRange(results.Select(r => r.Hidden));
            layerInput = layer.Length == 1 ? results[0].Output : cat(results.Select(r => r.Output).ToArray(), 2);
        }

        return (layerInput.MoveToOuterDisposeScope(), cat(finals, 0).MoveToOuterDisposeScope());
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var direction in _layers.SelectMany(l => l))
        {
            direction.Module.Dispose();
        }
    }

    private static (nn.Module Module, Func<Tensor, (Tensor Output, Tensor Hidden)> Run) Build(RecurrentCell cell, long inputSize, int hiddenSize) => cell switch
    {
        RecurrentCell.Gru => Wrap(nn.GRU(inputSize, hiddenSize), m => x => m.call(x, null)),
        RecurrentCell.Lstm => Wrap(nn.LSTM(inputSize, hiddenSize), m => x =>
        {
            var (output, hidden, cellState) = m.call(x, null);
            cellState.Dispose();
            return (output, hidden);
        }),
        _ => Wrap(nn.RNN(inputSize, hiddenSize), m => x => m.call(x, null)),
    };

    private static (nn.Module, Func<Tensor, (Tensor, Tensor)>) Wrap<TModule>(TModule module, Func<TModule, Func<Tensor, (Tensor, Tensor)>> run)
        where TModule : nn.Module => (module, run(module));

    private sealed record Direction(nn.Module Module, Func<Tensor, (Tensor Output, Tensor Hidden)> Run, bool Reverse);
}
