namespace ImdbSentiment.Evaluation;

/// <summary>How well a model does on a set of reviews.</summary>
/// <param name="Count">Reviews evaluated.</param>
/// <param name="Loss">Mean binary cross-entropy per review.</param>
/// <param name="Accuracy">Fraction correct, deciding positive when the logit is &gt; 0.</param>
/// <param name="Precision">Precision for the positive class.</param>
/// <param name="Recall">Recall for the positive class.</param>
/// <param name="F1">F1 for the positive class.</param>
/// <param name="RocAuc">Area under the ROC curve (NaN when only one class is present).</param>
/// <param name="Confusion">The confusion matrix.</param>
/// <param name="Seconds">Wall time of the evaluation.</param>
/// <param name="CalibrationError">The expected calibration error over <see cref="Calibration.DefaultBins"/> confidence
/// intervals (<see cref="Calibration"/>); NaN in reports written before it was measured.</param>
public sealed record EvaluationReport(
    long Count, double Loss, double Accuracy, double Precision, double Recall, double F1, double RocAuc,
    ConfusionMatrix Confusion, double Seconds, double CalibrationError = double.NaN);
