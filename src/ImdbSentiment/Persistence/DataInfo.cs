using ImdbSentiment.Data;

namespace ImdbSentiment.Persistence;

/// <summary>What a model was trained on.</summary>
/// <param name="Limit">At most this many training reviews were used (before the split), if set.</param>
/// <param name="TrainReviews">Reviews in the training split.</param>
/// <param name="ValidationReviews">Reviews in the validation split.</param>
/// <param name="Source">Where the corpus came from (a path or URL).</param>
/// <param name="UnlabeledSource">Where the unlabeled reviews came from (a language model's text, or a self-trained model's pseudo-labeled reviews).</param>
/// <param name="Labels">The class names in target order; null for models trained before labels were recorded, which are IMDb's <c>neg</c>, <c>pos</c>.</param>
/// <param name="Files">How the user's own files were read; null for the IMDb corpus.</param>
/// <param name="ImdbLabels">Which IMDb labels the model learned when not its sentiment (<see cref="ImdbLabeling.Stars"/>); null for sentiment and for other data.</param>
/// <param name="PseudoLabels">The teacher-labeled unlabeled reviews that joined the training split (counted in <paramref name="TrainReviews"/>); null when none did.</param>
public sealed record DataInfo(int? Limit, int TrainReviews, int ValidationReviews, string Source, string? UnlabeledSource = null,
    IReadOnlyList<string>? Labels = null, DatasetFileInfo? Files = null, ImdbLabeling? ImdbLabels = null, PseudoLabelInfo? PseudoLabels = null)
{
    /// <summary>The class names in target order (IMDb's when none were recorded).</summary>
    public IReadOnlyList<string> ClassNames() => Labels ?? SentimentLabels.Names;
}
