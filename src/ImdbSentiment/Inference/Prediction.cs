using ImdbSentiment.Data;

namespace ImdbSentiment.Inference;

/// <summary>A model's verdict on one text.</summary>
/// <param name="Text">The text.</param>
/// <param name="Probability">The probability that the text is positive (sigmoid of the logit).</param>
/// <param name="Label">Positive when the logit is &gt; 0 (probability &gt; 0.5).</param>
/// <param name="Tokens">How many tokens the model read.</param>
public sealed record Prediction(string Text, double Probability, Sentiment Label, int Tokens);
