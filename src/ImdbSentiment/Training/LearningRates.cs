using ImdbSentiment.Persistence;

namespace ImdbSentiment.Training;

/// <summary>The learning rate at a given optimizer step.</summary>
internal static class LearningRates
{
    /// <summary>The rate for step <paramref name="step"/> (from 0) of <paramref name="totalSteps"/>.</summary>
    /// <param name="options">The training options (base rate and schedule).</param>
    /// <param name="step">The step about to be taken, from 0.</param>
    /// <param name="totalSteps">Steps in the whole run.</param>
    public static double At(TrainingOptions options, long step, long totalSteps)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Schedule == LearningRateSchedule.Constant || totalSteps <= 1)
        {
            return options.LearningRate;
        }

        var warmup = Math.Max(1, totalSteps / 20);
        if (step < warmup)
        {
            return options.LearningRate * (step + 1) / warmup;
        }

        var progress = Math.Min(1.0, (double)(step - warmup) / Math.Max(1, totalSteps - warmup));
        return options.LearningRate * 0.5 * (1 + Math.Cos(Math.PI * progress));
    }
}
