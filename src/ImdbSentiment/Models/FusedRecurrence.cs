using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ImdbSentiment.Models;

/// <summary>
/// libtorch's own <c>nn.GRU</c>/<c>nn.LSTM</c>/<c>nn.RNN</c> whose parameters share storage with a
/// <see cref="MaskedRecurrentStack"/>'s, for inference on batches without padding (one review, or reviews of one
/// length). There the mask is a no-op and libtorch's C++ time loop gives the same states with one call instead of a
/// dozen TorchSharp calls per step: warm <c>predict</c> of a short review is dominated by that per-call overhead.
/// </summary>
/// <remarks>
/// The parameters alias the stack's tensors (<c>set_</c>), so in-place changes (optimizer steps,
/// <c>load_state_dict</c>) show through; when the stack's parameters are replaced (<c>to(dtype)</c>) the caller sees
/// <see cref="Aliases"/> turn false and builds a new one. Never registered as a sub-module, so state dicts and
/// parameter lists are unchanged.
/// </remarks>
internal sealed class FusedRecurrence : IDisposable
{
    private readonly nn.Module _module;
    private readonly Func<Tensor, (Tensor Output, Tensor Hidden)> _run;
    private readonly (string Name, Parameter Source)[] _sources;

    private FusedRecurrence(nn.Module module, Func<Tensor, (Tensor Output, Tensor Hidden)> run, (string Name, Parameter Source)[] sources)
    {
        _module = module;
        _run = run;
        _sources = sources;
    }

    /// <summary>Builds the libtorch module of this shape and aliases the stack's parameters.</summary>
    /// <param name="cell">The stack's cell.</param>
    /// <param name="inputSize">Features per input step.</param>
    /// <param name="hiddenSize">State width per direction.</param>
    /// <param name="layers">Stacked layers.</param>
    /// <param name="bidirectional">Whether each layer also runs backwards.</param>
    /// <param name="parameter">Looks up one of the stack's parameters by its PyTorch name.</param>
    /// <returns>The fused module, in eval mode.</returns>
    public static FusedRecurrence Create(RecurrentCell cell, long inputSize, int hiddenSize, int layers, bool bidirectional, Func<string, Parameter> parameter)
    {
        (nn.Module Module, Func<Tensor, (Tensor, Tensor)> Run) built = cell switch
        {
            RecurrentCell.Gru => Wrap(nn.GRU(inputSize, hiddenSize, layers, bidirectional: bidirectional), m => x => m.call(x, null)),
            RecurrentCell.Lstm => Wrap(nn.LSTM(inputSize, hiddenSize, layers, bidirectional: bidirectional), m => x =>
            {
                var (output, hidden, cellState) = m.call(x, null);
                cellState.Dispose();
                return (output, hidden);
            }),
            _ => Wrap(nn.RNN(inputSize, hiddenSize, layers, bidirectional: bidirectional), m => x => m.call(x, null)),
        };

        var sources = built.Module.named_parameters().Select(p => (Name: p.name, Source: parameter(p.name))).ToArray();
        built.Module.to(sources[0].Source.dtype);
        built.Module.eval();
        using (no_grad())
        {
            foreach (var (name, target) in built.Module.named_parameters())
            {
                target.set_(parameter(name));
            }
        }

        return new FusedRecurrence(built.Module, built.Run, sources);
    }

    /// <summary>Whether every parameter still aliases the stack's current parameter of that name.</summary>
    /// <param name="parameter">Looks up one of the stack's parameters by its PyTorch name.</param>
    public bool Aliases(Func<string, Parameter> parameter) => _sources.All(s => ReferenceEquals(s.Source, parameter(s.Name)));

    /// <summary>Runs the layers over an unpadded input.</summary>
    /// <param name="input"><c>[T, B, I]</c>, every review exactly T steps long.</param>
    /// <returns>Outputs <c>[T, B, D·H]</c> and final states <c>[L·D, B, H]</c>, as <see cref="MaskedRecurrentStack"/> gives them.</returns>
    public (Tensor Output, Tensor Hidden) Run(Tensor input) => _run(input);

    /// <inheritdoc />
    public void Dispose() => _module.Dispose();

    private static (nn.Module, Func<Tensor, (Tensor, Tensor)>) Wrap<TModule>(TModule module, Func<TModule, Func<Tensor, (Tensor, Tensor)>> run)
        where TModule : nn.Module => (module, run(module));
}
