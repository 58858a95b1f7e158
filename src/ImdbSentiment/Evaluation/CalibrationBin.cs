namespace ImdbSentiment.Evaluation;

/// <summary>The reviews whose confidence fell in one interval, for a reliability diagram.</summary>
/// <param name="Lower">The interval's lower end (inclusive).</param>
/// <param name="Upper">The interval's upper end (exclusive, except the last interval's 1).</param>
/// <param name="Count">Reviews in the interval.</param>
/// <param name="MeanConfidence">Their mean confidence (the probability of the predicted label); NaN when empty.</param>
/// <param name="Accuracy">The fraction of them predicted correctly; NaN when empty.</param>
public sealed record CalibrationBin(double Lower, double Upper, long Count, double MeanConfidence, double Accuracy);
