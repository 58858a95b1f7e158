namespace ImdbSentiment.Datasets.Internal;

/// <summary>A row as a format reader found it, before it is checked: the text and label if present, or the problem that made it unreadable.</summary>
internal readonly record struct RawRow(string? Text, string? Label, string Location, DatasetException? Problem = null);
