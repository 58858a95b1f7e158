namespace ImdbSentiment.Data;

/// <summary>The two halves the IMDb corpus ships as: <c>aclImdb/train</c> and <c>aclImdb/test</c>.</summary>
public enum Split
{
    /// <summary>The 25,000 reviews under <c>aclImdb/train</c>.</summary>
    Train,

    /// <summary>The 25,000 reviews under <c>aclImdb/test</c>.</summary>
    Test,
}
