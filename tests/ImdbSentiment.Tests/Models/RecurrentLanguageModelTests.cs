using ImdbSentiment.Batching;
using ImdbSentiment.Models;
using ImdbSentiment.Tests.Fixtures;
using ImdbSentiment.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace ImdbSentiment.Tests.Models;

[Collection(TorchCollection.Name)]
public sealed class RecurrentLanguageModelTests
{
    private static ModelOptions Tiny(bool bidirectional = true) =>
        new(ModelKind.LanguageModel, 30, EmbeddingDim: 8, HiddenDim: 6, Layers: 1, Bidirectional: bidirectional, Dropout: 0.1);

    [Fact]
    public void Predictions_should_be_every_next_word_then_every_previous_word_inside_each_review_and_never_padding()
    {
        // Given a padded batch of reviews of 4, 2, 1 and 3 words
        torch.manual_seed(1);
        using var model = (RecurrentLanguageModel)ModelFactory.Create(Tiny());
        model.eval();
        EncodedReview[] reviews = [new([10, 11, 12, 13], 0), new([20, 21], 0), new([25], 0), new([5, 6, 7], 0)];
        using var batch = Batch.Collate(reviews, [0, 1, 2, 3], padIndex: 1);

        // When the predictions are gathered
        var (contexts, targets) = model.Predictions(batch.Tokens, batch.Lengths);

        // Then the forward targets are each review's words after its first, in time-major order, and the backward
        // targets each review's words before its last: 2 × Σ(length − 1) predictions
        long[] forward = [11, 21, 6, 12, 7, 13];
        long[] backward = [10, 20, 5, 11, 6, 12];
        Assert.Equal([.. forward, .. backward], targets.data<long>().ToArray());
        Assert.Equal(new long[] { 12, 8 }, contexts.shape);
    }

    [Fact]
    public void A_forward_only_model_should_predict_only_next_words()
    {
        using var model = (RecurrentLanguageModel)ModelFactory.Create(Tiny(bidirectional: false));
        using var batch = Batch.Collate([new EncodedReview([3, 4, 5], 0)], [0], padIndex: 1);

        var (_, targets) = model.Predictions(batch.Tokens, batch.Lengths);

        Assert.Equal(new long[] { 4, 5 }, targets.data<long>().ToArray());
    }

    [Fact]
    public void Padding_should_not_change_a_reviews_contexts()
    {
        // Given one review alone, then batched with a longer and a shorter one
        torch.manual_seed(2);
        using var model = (RecurrentLanguageModel)ModelFactory.Create(Tiny());
        model.eval();
        EncodedReview[] reviews = [new([5, 6, 7, 8], 0), new([9, 10, 11, 12, 13, 14, 15], 0), new([16, 17], 0)];
        using var alone = Batch.Collate(reviews, [0], padIndex: 1);
        using var padded = Batch.Collate(reviews, [1, 0, 2], padIndex: 1);

        // When both are run
        using var _ = no_grad();
        var single = model.call(alone.Tokens, alone.Lengths);                      // [4, 1, 2, 8]
        var batched = model.call(padded.Tokens, padded.Lengths).narrow(0, 0, 4).narrow(1, 1, 1);

        // Then the review's contexts in both directions are the same
        Assert.True(single.allclose(batched, rtol: 0, atol: 1e-6), "padding changed a context");
    }

    [Fact]
    public void A_classifier_of_the_same_widths_should_take_its_embedding_and_both_recurrent_directions()
    {
        // Given a language model and the best preset's classifier over the same vocabulary
        using var languageModel = ModelFactory.Create(Presets.Pretrain.ModelFor(50));
        using var classifier = ModelFactory.Create(Presets.Best.ModelFor(50));

        // When the classifier starts from it
        var report = WarmStart.Apply(languageModel, classifier);

        // Then every embedding and recurrent tensor is copied and only the output layer starts fresh
        Assert.Equal(["fc.bias", "fc.weight"], report.Skipped.Concat(report.New).Order());
        Assert.Contains("embedding.weight", report.Copied);
        Assert.Contains("rnn.weight_hh_l0_reverse", report.Copied);
        var trained = languageModel.state_dict();
        Assert.All(report.Copied, name => Assert.True(trained[name].allclose(classifier.state_dict()[name], rtol: 0, atol: 0), name));
    }

    [Fact]
    public void A_fresh_model_fitted_to_its_text_should_start_as_the_unigram_model()
    {
        // Given texts where word 2 is far more frequent than the rest, and a fresh model fitted to their counts
        torch.manual_seed(4);
        using var model = (RecurrentLanguageModel)ModelFactory.Create(Tiny());
        model.eval();
        var texts = Enumerable.Range(0, 40).Select(i => new EncodedReview([2, 2, 2, 3 + i % 20, 2, 2, 4 + i % 7], 0)).ToArray();
        model.FitTrainingSplit(texts, maxTokens: null);

        // When its predictions on the texts are scored with the full softmax
        using var batch = Batch.Collate(texts, Enumerable.Range(0, texts.Length).ToArray(), padIndex: 1);
        using var _ = no_grad();
        var (contexts, targets) = model.Predictions(batch.Tokens, batch.Lengths);
        var (negativeLogLikelihood, _) = SampledSoftmax.FullSoftmax(contexts, targets, model.OutputWeights, model.OutputBias);

        // Then the mean loss is the unigram model's (add-one smoothed shares of the 30 words), far below uniform's ln 30
        var counts = RecurrentLanguageModel.WordCounts(texts, 30, null);
        var total = counts.Sum() + counts.Length;
        var unigram = targets.data<long>().ToArray().Average(w => -Math.Log((counts[w] + 1) / total));
        Assert.Equal(unigram, negativeLogLikelihood / targets.shape[0], 0.1);
        Assert.True(unigram < Math.Log(30) - 0.5, "the case should be far from uniform");
    }
}
