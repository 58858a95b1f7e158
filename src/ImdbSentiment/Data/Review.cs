namespace ImdbSentiment.Data;

/// <summary>One review of the IMDb corpus, read from <c>aclImdb/&lt;split&gt;/&lt;pos|neg&gt;/&lt;id&gt;_&lt;rating&gt;.txt</c>.</summary>
/// <param name="Id">The numeric id from the file name as written, e.g. <c>"123"</c> for <c>123_8.txt</c>; unique within a split and label only.</param>
/// <param name="Split">The split folder the review came from.</param>
/// <param name="Label">The label folder the review came from.</param>
/// <param name="Rating">The star rating from the file name, e.g. <c>8</c> for <c>123_8.txt</c>.</param>
/// <param name="Text">The file's content decoded as UTF-8, unchanged (HTML such as <c>&lt;br /&gt;</c> included); empty for a zero-byte file.</param>
public sealed record Review(string Id, Split Split, Sentiment Label, int Rating, string Text);
