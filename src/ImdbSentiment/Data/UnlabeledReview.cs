namespace ImdbSentiment.Data;

/// <summary>One review of the corpus's unlabeled part, read from <c>aclImdb/train/unsup/&lt;id&gt;_0.txt</c>.</summary>
/// <param name="Id">The numeric id from the file name as written.</param>
/// <param name="Text">The file's content decoded as UTF-8, unchanged (with or without HTML markup, as the source has it).</param>
public sealed record UnlabeledReview(string Id, string Text);
