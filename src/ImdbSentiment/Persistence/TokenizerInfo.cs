namespace ImdbSentiment.Persistence;

/// <summary>Which tokenizer a model was trained with, so prediction tokenizes the same way.</summary>
/// <param name="Version">The tokenizer's version string.</param>
/// <param name="NormalizeLineBreakTags">Whether &lt;br /&gt; tags were turned into whitespace.</param>
public sealed record TokenizerInfo(string Version, bool NormalizeLineBreakTags)
{
    /// <summary>The tokenizer settings to read text with, as the model was trained.</summary>
    public Text.TokenizerOptions Options => new(NormalizeLineBreakTags);
}
