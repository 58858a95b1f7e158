namespace ImdbSentiment.Bench.Macro.Internal;

/// <summary>Fixed review texts for latency benchmarks.</summary>
internal static class Reviews
{
    /// <summary>A 20-word review (23 spaCy tokens with its punctuation).</summary>
    public const string Short =
        "This film was a delight: clever writing, warm performances and a score I keep humming days after first watching it.";
}
