using ImdbSentiment.Data;

namespace ImdbSentiment.Inference;

/// <summary>A model's verdict on one text.</summary>
/// <param name="Text">The text.</param>
/// <param name="Probability">The probability of the second class (positive, for sentiment): the sigmoid of the logit.</param>
/// <param name="Label">Positive (the second class) when the logit is &gt; 0 (probability &gt; 0.5).</param>
/// <param name="Tokens">How many tokens the model read.</param>
/// <param name="ClassName">The class's name as the model's training data spelled it: <c>pos</c>/<c>neg</c> for IMDb, the data's own labels otherwise.</param>
public sealed record Prediction(string Text, double Probability, Sentiment Label, int Tokens, string ClassName);
