namespace ImdbSentiment.Evaluation;

/// <summary>A temperature fitted on held-out reviews, with the calibration error it leaves.</summary>
/// <param name="Temperature">T: divides every logit before the sigmoid.</param>
/// <param name="Reviews">How many reviews it was fitted on.</param>
/// <param name="ErrorBefore">Expected calibration error on those reviews at T = 1.</param>
/// <param name="ErrorAfter">Expected calibration error on those reviews at <paramref name="Temperature"/>.</param>
public sealed record TemperatureFit(double Temperature, int Reviews, double ErrorBefore, double ErrorAfter);
