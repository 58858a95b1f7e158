namespace ImdbSentiment.Data;

/// <summary>Which of the IMDb corpus's labels a model learns; the reviews and their split are the same either way.</summary>
public enum ImdbLabeling
{
    /// <summary>The tutorial's task: the review's folder, <c>neg</c> or <c>pos</c>.</summary>
    Sentiment,

    /// <summary>
    /// The star rating in the file name (<c>&lt;id&gt;_&lt;rating&gt;.txt</c>): 1–4 (negative reviews) and 7–10 (positive
    /// ones), eight classes named <c>1</c> … <c>10</c>.
    /// </summary>
    Stars,
}
