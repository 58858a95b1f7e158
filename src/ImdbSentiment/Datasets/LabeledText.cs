namespace ImdbSentiment.Datasets;

/// <summary>One labeled text of a dataset.</summary>
/// <param name="Text">The text as read (HTML such as <c>&lt;br /&gt;</c> included).</param>
/// <param name="Label">The class name as written in the data, e.g. <c>"pos"</c> or <c>"4"</c>.</param>
/// <param name="Location">Where it was read, for messages: <c>reviews.csv row 12</c>, <c>data.jsonl line 7</c>.</param>
public sealed record LabeledText(string Text, string Label, string Location);
