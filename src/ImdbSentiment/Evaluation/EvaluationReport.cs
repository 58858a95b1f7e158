namespace ImdbSentiment.Evaluation;

/// <summary>How well a model does on a set of reviews.</summary>
/// <param name="Count">Reviews evaluated.</param>
/// <param name="Loss">Mean cross-entropy per review (binary, or softmax for more classes).</param>
/// <param name="Accuracy">Fraction correct, deciding positive when the logit is &gt; 0 (the largest logit for more classes).</param>
/// <param name="Precision">Precision for the positive class; the macro average over classes for more than two.</param>
/// <param name="Recall">Recall for the positive class; the macro average over classes for more than two.</param>
/// <param name="F1">F1 for the positive class; the macro-F1 for more than two classes.</param>
/// <param name="RocAuc">Area under the ROC curve (NaN when only one class is present, and for more than two classes).</param>
/// <param name="Confusion">The binary confusion matrix; null for more than two classes (see <paramref name="Classes"/>).</param>
/// <param name="Seconds">Wall time of the evaluation.</param>
/// <param name="CalibrationError">The expected calibration error over <see cref="Calibration.DefaultBins"/> confidence
/// intervals (<see cref="Calibration"/>); NaN in reports written before it was measured.</param>
/// <param name="Classes">The N × N confusion counts of a model of more than two classes; null for binary models.</param>
public sealed record EvaluationReport(
    long Count, double Loss, double Accuracy, double Precision, double Recall, double F1, double RocAuc,
    ConfusionMatrix? Confusion, double Seconds, double CalibrationError = double.NaN, ClassConfusion? Classes = null)
{
    /// <summary>The confusion counts whatever the number of classes: rows the true class, columns the predicted one, in class order.</summary>
    public IReadOnlyList<long[]> ConfusionCounts() =>
        Classes?.Counts ?? Confusion?.Counts() ?? throw new InvalidOperationException("the report holds no confusion counts");
}
