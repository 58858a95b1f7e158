using ImdbSentiment.Batching;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace ImdbSentiment.Models;

/// <summary>
/// A bidirectional recurrent language model for pretraining: Embedding (pad row zero) → dropout → the same
/// <see cref="MaskedRecurrentStack"/> a <see cref="RecurrentClassifier"/> uses → dropout → one projection per direction
/// back to the embedding width. The forward direction's state after word <c>t</c> predicts word <c>t+1</c>, the backward
/// direction's state at word <c>t</c> predicts word <c>t−1</c>; a word's output score is its context's dot product with
/// the word's own input embedding plus a bias (tied weights, Press &amp; Wolf 2017), so the embedding learns from both ends.
/// The embedding and recurrent layers carry the classifier's state_dict names, so <c>train --from</c> starts a classifier
/// of the same widths from them. The embedding starts small (±0.1, as tied language models do) and each word's bias at
/// the log of its share of the training text, so the first steps start from the unigram model rather than from random
/// scores of tens of thousands of words that a sampled softmax would rarely correct.
/// </summary>
public sealed class RecurrentLanguageModel : Module<Tensor, Tensor, Tensor>, IFitsTrainingSplit
{
    // Field names are state_dict keys; embedding and rnn match RecurrentClassifier's.
#pragma warning disable IDE1006
    private readonly Embedding embedding;
    private readonly MaskedRecurrentStack rnn;
    private readonly Dropout dropout;
    private readonly Dropout embedding_dropout;
    private readonly Linear forward_projection;
    private readonly Linear? backward_projection;
    private readonly Parameter output_bias;
#pragma warning restore IDE1006

    /// <summary>Builds the network.</summary>
    /// <param name="options">Architecture; <see cref="ModelOptions.Kind"/> must be <see cref="ModelKind.LanguageModel"/>.</param>
    public RecurrentLanguageModel(ModelOptions options)
        : base(nameof(RecurrentLanguageModel))
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        embedding = Embedding(options.VocabularySize, options.EmbeddingDim, padding_idx: options.PadIndex);
        var interLayerDropout = options.Layers > 1 ? options.Dropout : 0.0;
        rnn = new MaskedRecurrentStack(options.Cell, options.EmbeddingDim, options.HiddenDim, options.Layers, options.Bidirectional, interLayerDropout);
        dropout = Dropout(options.Dropout);
        embedding_dropout = Dropout(options.EmbeddingDropout ?? options.Dropout);
        forward_projection = Linear(options.HiddenDim, options.EmbeddingDim);
        backward_projection = options.Bidirectional ? Linear(options.HiddenDim, options.EmbeddingDim) : null;
        output_bias = new Parameter(zeros(options.VocabularySize));
        RegisterComponents();
        using var _ = no_grad();
        embedding.weight!.uniform_(-InitialEmbeddingBound, InitialEmbeddingBound);
        embedding.weight.select(0, options.PadIndex).zero_();
    }

    private const double InitialEmbeddingBound = 0.1;

    /// <summary>The architecture.</summary>
    public ModelOptions Options { get; }

    /// <summary>Each output word's vector: the input embedding itself, <c>[V, E]</c>.</summary>
    public Tensor OutputWeights => embedding.weight!;

    /// <summary>Each output word's bias, <c>[V]</c>.</summary>
    public Tensor OutputBias => output_bias;

    /// <summary>How often each word occurs in the texts, as far as training reads them.</summary>
    /// <param name="texts">Encoded texts.</param>
    /// <param name="vocabularySize">Words in the vocabulary.</param>
    /// <param name="maxTokens">Training reads at most this many leading words of each text, if set.</param>
    public static double[] WordCounts(IReadOnlyList<EncodedReview> texts, int vocabularySize, int? maxTokens)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var counts = new double[vocabularySize];
        foreach (var text in texts)
        {
            var read = Math.Min(text.Length, maxTokens ?? int.MaxValue);
            for (var t = 0; t < read; t++)
            {
                counts[text.TokenIds[t]]++;
            }
        }

        return counts;
    }

    /// <summary>Sets each word's output bias to the log of its share of the training text (add-one smoothed).</summary>
    /// <param name="train">The training texts.</param>
    /// <param name="maxTokens">Training reads at most this many leading words of each text, if set.</param>
    public void FitTrainingSplit(IReadOnlyList<EncodedReview> train, int? maxTokens)
    {
        var counts = WordCounts(train, Options.VocabularySize, maxTokens);
        var total = counts.Sum() + counts.Length;
        using var shares = tensor(counts.Select(c => (float)Math.Log((c + 1) / total)).ToArray());
        using var _ = no_grad();
        output_bias.copy_(shares);
    }

    /// <summary>Every position's context vector per direction.</summary>
    /// <param name="tokens">Token ids, int64 <c>[T, B]</c>.</param>
    /// <param name="lengths">Lengths, int64 <c>[B]</c> on the CPU.</param>
    /// <returns><c>[T, B, D, E]</c>: direction 0 reads left to right, direction 1 right to left.</returns>
    public override Tensor forward(Tensor tokens, Tensor lengths)
    {
        using var scope = NewDisposeScope();
        var embedded = embedding_dropout.call(embedding.call(tokens));                  // [T, B, E]
        var (output, _) = rnn.call(embedded, lengths);                                  // [T, B, D*H]
        var states = dropout.call(output).view(output.shape[0], output.shape[1], Options.Directions, Options.HiddenDim);
        var forwardContext = forward_projection.call(states.select(2, 0));               // [T, B, E]
        var contexts = backward_projection is null
            ? forwardContext.unsqueeze(2)
            : stack([forwardContext, backward_projection.call(states.select(2, 1))], 2);
        return contexts.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Every prediction a batch holds: the context of each position that has a next word (forward) or a previous word
    /// (backward) within its review, with that word as the target. Padding is neither read nor predicted.
    /// </summary>
    /// <param name="tokens">Token ids, int64 <c>[T, B]</c>.</param>
    /// <param name="lengths">Lengths, int64 <c>[B]</c> on the CPU.</param>
    /// <returns>Contexts <c>[N, E]</c> and target ids <c>[N]</c>: forward predictions first, then backward ones.</returns>
    public (Tensor Contexts, Tensor Targets) Predictions(Tensor tokens, Tensor lengths)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(lengths);
        using var scope = NewDisposeScope();
        var steps = tokens.shape[0];
        var contexts = call(tokens, lengths);                                           // [T, B, D, E]
        var width = contexts.shape[3];

        // Word pairs (t, t + 1) inside a review: the forward state after word t predicts word t + 1, the backward state at
        // word t + 1 predicts word t.
        var pair = StepMask.Of(lengths.data<long>().ToArray().Select(l => l - 1).ToArray(), steps - 1); // [T-1, B, 1]
        var forwardContexts = contexts.narrow(0, 0, steps - 1).select(2, 0).masked_select(pair).view(-1, width);
        var forwardTargets = tokens.narrow(0, 1, steps - 1).unsqueeze(2).masked_select(pair);
        if (Options.Directions == 1)
        {
            return (forwardContexts.MoveToOuterDisposeScope(), forwardTargets.MoveToOuterDisposeScope());
        }

        var backwardContexts = contexts.narrow(0, 1, steps - 1).select(2, 1).masked_select(pair).view(-1, width);
        var backwardTargets = tokens.narrow(0, 0, steps - 1).unsqueeze(2).masked_select(pair);
        return (cat([forwardContexts, backwardContexts], 0).MoveToOuterDisposeScope(),
                cat([forwardTargets, backwardTargets], 0).MoveToOuterDisposeScope());
    }
}
