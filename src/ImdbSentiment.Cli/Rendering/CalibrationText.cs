using System.Globalization;
using ImdbSentiment.Evaluation;

namespace ImdbSentiment.Cli.Rendering;

/// <summary>The line that `train` and `calibrate` print after fitting a temperature.</summary>
internal static class CalibrationText
{
    public static string Describe(TemperatureFit fit) => string.Create(CultureInfo.InvariantCulture,
        $"calibrated on {fit.Reviews:N0} validation reviews: temperature {fit.Temperature:F3}, calibration error {fit.ErrorBefore * 100:F2}% → {fit.ErrorAfter * 100:F2}%");
}
