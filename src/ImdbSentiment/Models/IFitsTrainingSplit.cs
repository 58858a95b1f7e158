using ImdbSentiment.Batching;

namespace ImdbSentiment.Models;

/// <summary>
/// A model some of whose weights are statistics of the training split rather than learned by gradient descent (an
/// NBSVM's log-count ratios). The trainer calls <see cref="FitTrainingSplit"/> once, on a fresh model, before the first step.
/// </summary>
public interface IFitsTrainingSplit
{
    /// <summary>Sets the statistics from the training split.</summary>
    /// <param name="train">The training reviews.</param>
    /// <param name="maxTokens">Training sees at most this many leading tokens of each review, if set.</param>
    void FitTrainingSplit(IReadOnlyList<EncodedReview> train, int? maxTokens);
}
