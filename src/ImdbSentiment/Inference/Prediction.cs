using ImdbSentiment.Data;

namespace ImdbSentiment.Inference;

/// <summary>A model's verdict on one text.</summary>
/// <param name="Text">The text.</param>
/// <param name="Probability">
/// For a binary model, the probability of the second class (positive, for sentiment): the sigmoid of the logit. For a
/// model of more classes, the probability of the predicted class (<paramref name="ClassName"/>).
/// </param>
/// <param name="Label">For a binary model, positive (the second class) when the logit is &gt; 0 (probability &gt; 0.5); null for a model of more classes.</param>
/// <param name="Tokens">How many tokens the model read.</param>
/// <param name="ClassName">The predicted class's name as the model's training data spelled it: <c>pos</c>/<c>neg</c> for IMDb, the data's own labels otherwise.</param>
/// <param name="ClassIndex">The predicted class's index in the model's class order.</param>
/// <param name="Probabilities">Every class's probability, in the model's class order (they sum to 1).</param>
public sealed record Prediction(string Text, double Probability, Sentiment? Label, int Tokens, string ClassName, int ClassIndex, IReadOnlyList<double> Probabilities);
