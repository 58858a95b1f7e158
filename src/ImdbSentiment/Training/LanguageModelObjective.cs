using ImdbSentiment.Batching;
using ImdbSentiment.Execution;
using ImdbSentiment.Models;
using ImdbSentiment.Persistence;
using static TorchSharp.torch;

namespace ImdbSentiment.Training;

/// <summary>
/// A <see cref="RecurrentLanguageModel"/>'s objective: every next and previous word of the training text, scored with a
/// sampled softmax (<see cref="SampledSoftmax.Loss"/>) over <see cref="TrainingOptions.SampledWords"/> words drawn per
/// batch from the training text's word counts raised to the power 0.75 (Mikolov et al. 2013; frequent words are drawn
/// less than their share, rare ones more). Validation is the full softmax on held-out text: its loss is the mean
/// negative log-likelihood per word (perplexity = e^loss), its accuracy the share of words predicted exactly. The
/// training loss reported per batch is the same full-softmax figure on a sample of the batch's predictions.
/// </summary>
internal sealed class LanguageModelObjective : TrainingObjective
{
    private const double SamplingPower = 0.75;

    // How many of a batch's predictions the reported training loss scores with the full softmax.
    private const int ReportedPredictions = 256;

    private readonly TrainingRequest _request;
    private readonly Tensor _sampling;
    private readonly Tensor _logExpectedCount;

    public LanguageModelObjective(TrainingRequest request)
    {
        _request = request;
        var counts = RecurrentLanguageModel.WordCounts(request.Data.Train, request.Model.VocabularySize, request.Training.MaxTokens);

        // Every word may be drawn (a word of the vocabulary this text lacks counts once); padding never is.
        var weights = counts.Select((c, id) => id == request.Model.PadIndex ? 0.0 : Math.Pow(c + 1, SamplingPower)).ToArray();
        var total = weights.Sum();
        var probabilities = weights.Select(w => w / total).ToArray();
        _sampling = tensor(probabilities.Select(p => (float)p).ToArray());
        _logExpectedCount = tensor(probabilities.Select(p => (float)Math.Log(p * request.Training.SampledWords)).ToArray());
    }

    public override (float Loss, long Correct, int Count) Step(nn.Module<Tensor, Tensor, Tensor> model, BFloat16Replica? replica, Adam optimizer,
        Batch batch, double? clipNorm)
    {
        var languageModel = (RecurrentLanguageModel)model;
        using var scope = NewDisposeScope();
        optimizer.zero_grad();
        var (contexts, targets) = languageModel.Predictions(batch.Tokens, batch.Lengths);
        var count = (int)targets.shape[0];
        if (count == 0)
        {
            return (0f, 0, 0);
        }

        var candidates = multinomial(_sampling, _request.Training.SampledWords, replacement: true);
        var loss = SampledSoftmax.Loss(contexts, targets, languageModel.OutputWeights, languageModel.OutputBias, candidates, _logExpectedCount);
        var lossValue = loss.item<float>();
        if (!float.IsFinite(lossValue))
        {
            return (lossValue, 0, count);
        }

        // The sampled loss steers the weights but is no perplexity (it adds each target's log expected count): what the
        // step reports is the full softmax on an evenly spread sample of the batch's predictions, comparable with the
        // held-out figure.
        double negativeLogLikelihood;
        long correct;
        int scored;
        using (no_grad())
        {
            scored = Math.Min(count, ReportedPredictions);
            using var spread = tensor(Enumerable.Range(0, scored).Select(i => (long)i * count / scored).ToArray());
            (negativeLogLikelihood, correct) = SampledSoftmax.FullSoftmax(contexts.index_select(0, spread), targets.index_select(0, spread),
                languageModel.OutputWeights, languageModel.OutputBias);
        }

        TrainingStep.Apply(loss, model, replica, optimizer, clipNorm);
        return ((float)(negativeLogLikelihood / scored), correct, scored);
    }

    public override (double Loss, double Accuracy) Validate(nn.Module<Tensor, Tensor, Tensor> model, IProgress<(int Done, int Total)>? progress,
        CancellationToken cancellationToken)
    {
        var languageModel = (RecurrentLanguageModel)model;
        var texts = _request.Data.Validation;
        var maxTokens = _request.Training.MaxTokens;
        var batches = BucketSampler.Sequential(texts.Select(t => Math.Min(t.Length, maxTokens ?? int.MaxValue)).ToArray(), _request.Training.EvaluationBatchSize);
        var (negativeLogLikelihood, correct, count) = (0.0, 0L, 0L);
        model.eval();
        using (no_grad())
        {
            for (var i = 0; i < batches.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                using var batch = Batch.Collate(texts, batches[i], _request.Model.PadIndex, maxTokens);
                var (contexts, targets) = languageModel.Predictions(batch.Tokens, batch.Lengths);
                var (sum, hits) = SampledSoftmax.FullSoftmax(contexts, targets, languageModel.OutputWeights, languageModel.OutputBias);
                (negativeLogLikelihood, correct, count) = (negativeLogLikelihood + sum, correct + hits, count + targets.shape[0]);
                progress?.Report((i + 1, batches.Count));
            }
        }

        return count == 0 ? (double.NaN, double.NaN) : (negativeLogLikelihood / count, (double)correct / count);
    }

    public override void Dispose()
    {
        _sampling.Dispose();
        _logExpectedCount.Dispose();
    }
}
