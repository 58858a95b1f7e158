using ImdbSentiment.Batching;
using ImdbSentiment.Evaluation;
using ImdbSentiment.Execution;
using static TorchSharp.torch;

namespace ImdbSentiment.Training;

/// <summary>A classifier's objective: BCE-with-logits on each review's label (softmax cross-entropy for more than two classes); validation accuracy per review.</summary>
internal sealed class ClassificationObjective(TrainingRequest request, ExecutionOptions execution) : TrainingObjective
{
    public override (float Loss, long Correct, int Count) Step(nn.Module<Tensor, Tensor, Tensor> model, BFloat16Replica? replica, Adam optimizer,
        Batch batch, double? clipNorm)
    {
        var (loss, correct) = TrainingStep.Take(model, replica, optimizer, batch, clipNorm);
        return (loss, correct, batch.Size);
    }

    public override (double Loss, double Accuracy) Validate(nn.Module<Tensor, Tensor, Tensor> model, IProgress<(int Done, int Total)>? progress,
        CancellationToken cancellationToken)
    {
        var report = Evaluator.Evaluate(model, request.Data.Validation, request.Model.PadIndex, request.Training.EvaluationBatchSize,
            progress, cancellationToken, workers: execution.BatchWorkers).Report;
        return (report.Loss, report.Accuracy);
    }
}
