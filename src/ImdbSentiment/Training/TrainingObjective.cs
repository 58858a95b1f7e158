using ImdbSentiment.Batching;
using ImdbSentiment.Execution;
using ImdbSentiment.Models;
using static TorchSharp.torch;

namespace ImdbSentiment.Training;

/// <summary>
/// What <see cref="Trainer"/> optimises and how it judges an epoch: a classifier's BCE on labels, or a language model's
/// next-word loss on text. The run around it (batches, schedule, checkpoints, resume, selection) is the same.
/// </summary>
internal abstract class TrainingObjective : IDisposable
{
    /// <summary>The objective of the request's kind of model.</summary>
    public static TrainingObjective For(TrainingRequest request, ExecutionOptions execution) => request.Model.Kind == ModelKind.LanguageModel
        ? new LanguageModelObjective(request)
        : new ClassificationObjective(request, execution);

    /// <summary>One optimisation step; returns the batch's mean loss and how many of its <c>Count</c> predictions were right.
    /// When the loss is not finite nothing is updated.</summary>
    public abstract (float Loss, long Correct, int Count) Step(nn.Module<Tensor, Tensor, Tensor> model, BFloat16Replica? replica, Adam optimizer,
        Batch batch, double? clipNorm);

    /// <summary>The validation split's mean loss and accuracy, the model in evaluation mode.</summary>
    public abstract (double Loss, double Accuracy) Validate(nn.Module<Tensor, Tensor, Tensor> model, IProgress<(int Done, int Total)>? progress,
        CancellationToken cancellationToken);

    /// <inheritdoc />
    public virtual void Dispose()
    {
    }
}
