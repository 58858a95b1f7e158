namespace ImdbSentiment.Data;

/// <summary>A review's label; the numeric values are the training targets (0 and 1).</summary>
public enum Sentiment
{
    /// <summary>A review under <c>neg/</c> (rating 1–4).</summary>
    Negative = 0,

    /// <summary>A review under <c>pos/</c> (rating 7–10).</summary>
    Positive = 1,
}
