namespace ImdbSentiment.Data;

/// <summary>The IMDb corpus's class names, as its folders spell them, in target order (<see cref="Sentiment"/>'s values).</summary>
public static class SentimentLabels
{
    /// <summary><c>neg</c> (target 0) and <c>pos</c> (target 1).</summary>
    public static IReadOnlyList<string> Names { get; } = ["neg", "pos"];

    /// <summary>The class name of a label: <c>neg</c> or <c>pos</c>.</summary>
    /// <param name="label">The label.</param>
    public static string Name(Sentiment label) => Names[(int)label];
}
