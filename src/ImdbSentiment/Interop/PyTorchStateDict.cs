using ImdbSentiment.Models;

namespace ImdbSentiment.Interop;

/// <summary>
/// The PyTorch <c>state_dict</c> layout of our models: the tutorial's attribute names (<c>embedding</c>, <c>rnn</c>,
/// <c>fc</c>; <c>dropout</c> holds no tensors) and <c>torch.nn.RNN/GRU/LSTM</c>'s parameter names, in PyTorch's order.
/// Our modules use the same names, so a TorchSharp <c>state_dict</c> and a PyTorch one have the same keys and shapes.
/// </summary>
public static class PyTorchStateDict
{
    /// <summary>Whether models of <paramref name="kind"/> have a PyTorch counterpart (the tutorial's recurrent models do).</summary>
    /// <param name="kind">A model kind.</param>
    public static bool Covers(ModelKind kind) => kind is ModelKind.VanillaRnn or ModelKind.Recurrent;

    /// <summary>The keys and shapes of the model that <paramref name="options"/> describes, in PyTorch's order.</summary>
    /// <param name="options">The architecture.</param>
    /// <exception cref="InteropException">The architecture is not one of the tutorial's recurrent models.</exception>
    public static IReadOnlyList<StateDictEntry> Layout(ModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Covers(options.Kind))
        {
            throw InteropException.NoPyTorchCounterpart(options.Kind);
        }

        var hidden = (long)options.HiddenDim;
        var entries = new List<StateDictEntry> { new("embedding.weight", [options.VocabularySize, options.EmbeddingDim]) };
        var gates = options.Kind == ModelKind.VanillaRnn
            ? 1
            : options.Cell switch { RecurrentCell.Gru => 3, RecurrentCell.Lstm => 4, _ => 1 };
        var layers = options.Kind == ModelKind.VanillaRnn ? 1 : options.Layers;
        for (var layer = 0; layer < layers; layer++)
        {
            var input = layer == 0 ? options.EmbeddingDim : hidden * options.Directions;
            for (var direction = 0; direction < options.Directions; direction++)
            {
                var suffix = $"l{layer}{(direction == 1 ? "_reverse" : string.Empty)}";
                entries.Add(new($"rnn.weight_ih_{suffix}", [gates * hidden, input]));
                entries.Add(new($"rnn.weight_hh_{suffix}", [gates * hidden, hidden]));
                entries.Add(new($"rnn.bias_ih_{suffix}", [gates * hidden]));
                entries.Add(new($"rnn.bias_hh_{suffix}", [gates * hidden]));
            }
        }

        var features = options.Kind == ModelKind.VanillaRnn ? options.HiddenDim : RecurrentClassifier.FeatureCount(options);
        entries.Add(new("fc.weight", [options.OutputDim, features]));
        entries.Add(new("fc.bias", [options.OutputDim]));
        return entries;
    }
}
