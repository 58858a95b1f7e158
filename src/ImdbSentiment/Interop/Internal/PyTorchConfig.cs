using ImdbSentiment.Models;
using ImdbSentiment.Persistence;

namespace ImdbSentiment.Interop.Internal;

/// <summary>
/// The JSON sidecar of an export: the architecture in the words of the tutorial's constructor arguments, so that a
/// Python user can build the matching module. Written with snake_case names.
/// </summary>
internal sealed record PyTorchConfig(
    string Format,
    int FormatVersion,
    string CreatedBy,
    string Preset,
    string Model,
    string Cell,
    int VocabSize,
    int EmbeddingDim,
    int HiddenDim,
    int OutputDim,
    int NLayers,
    bool Bidirectional,
    double Dropout,
    double EmbeddingDropout,
    int PadIdx,
    string Pooling,
    int FcInputs,
    string Features,
    double Temperature,
    IReadOnlyList<string> Labels,
    string Output,
    PyTorchConfigTokenizer Tokenizer,
    IReadOnlyList<PyTorchConfigTensor> StateDict)
{
    public const string FormatName = "imdb-sentiment/pytorch-state-dict";

    public static PyTorchConfig For(ModelOptions options, string preset, TokenizerInfo tokenizer, double temperature, IReadOnlyList<string> labels)
    {
        var vanilla = options.Kind == ModelKind.VanillaRnn;
        var layout = PyTorchStateDict.Layout(options);
        return new PyTorchConfig(
            FormatName,
            1,
            ModelBundle.CreatedBy,
            preset,
            vanilla ? "vanilla_rnn" : "recurrent",
            vanilla ? "rnn" : options.Cell.ToString().ToLowerInvariant(),
            options.VocabularySize,
            options.EmbeddingDim,
            options.HiddenDim,
            options.OutputDim,
            vanilla ? 1 : options.Layers,
            options.Directions == 2,
            vanilla ? 0 : options.Dropout,
            vanilla ? 0 : options.EmbeddingDropout ?? options.Dropout,
            options.PadIndex,
            vanilla ? "final_hidden" : options.Pooling == Models.Pooling.FinalHidden ? "final_hidden" : "max_mean",
            (int)layout[^2].Shape[1],
            vanilla
                ? "hidden.squeeze(0): the final hidden state of the packed sequence"
                : options.Pooling == Models.Pooling.FinalHidden
                    ? "hidden.permute(1, 0, 2).reshape(batch, -1): final hidden states of all layers and directions, layer-major, forward before backward"
                    : "cat(max over time, mean over time) of the last layer's outputs, padding excluded",
            temperature,
            labels,
            options.OutputDim == 1
                ? "one logit per text: sigmoid(logit / temperature) is the probability of labels[1]"
                : "one logit per label: softmax(logits / temperature) gives each label's probability, in labels order",
            new PyTorchConfigTokenizer(tokenizer.Version, tokenizer.NormalizeLineBreakTags),
            [.. layout.Select(e => new PyTorchConfigTensor(e.Key, e.Shape))]);
    }
}

/// <summary>The tokenizer a model was trained with (token ids come from it and the vocabulary).</summary>
internal sealed record PyTorchConfigTokenizer(string Version, bool NormalizeLineBreakTags);

/// <summary>One state_dict entry in the sidecar.</summary>
internal sealed record PyTorchConfigTensor(string Key, IReadOnlyList<long> Shape);
