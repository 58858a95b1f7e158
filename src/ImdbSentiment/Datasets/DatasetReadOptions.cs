namespace ImdbSentiment.Datasets;

/// <summary>How to read labeled texts from a dataset file.</summary>
/// <param name="TextColumn">The column (CSV/TSV header, JSON field, Parquet column) that holds the text.</param>
/// <param name="LabelColumn">The column that holds the label.</param>
/// <param name="Format">The layout; null tells it from the path (see <see cref="DatasetReader.FormatOf"/>).</param>
/// <param name="MaxTextLength">A text longer than this many characters is a bad row.</param>
/// <param name="SkipBadRows">Count and skip bad rows (see <see cref="SkippedRows"/>) instead of stopping at the first.</param>
public sealed record DatasetReadOptions(
    string TextColumn = "text",
    string LabelColumn = "label",
    DatasetFormat? Format = null,
    int MaxTextLength = DatasetReadOptions.DefaultMaxTextLength,
    bool SkipBadRows = false)
{
    /// <summary>The default <see cref="MaxTextLength"/>: far above any review (IMDb's longest is under 14,000 characters).</summary>
    public const int DefaultMaxTextLength = 1_000_000;

    /// <summary>Throws when an option is out of range.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(TextColumn);
        ArgumentException.ThrowIfNullOrWhiteSpace(LabelColumn);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxTextLength, 1);
    }
}
