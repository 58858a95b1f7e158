namespace ImdbSentiment.Datasets;

/// <summary>How a dataset file is laid out.</summary>
public enum DatasetFormat
{
    /// <summary>Comma-separated values with a header row (RFC 4180: quoted fields may hold commas, quotes and line breaks).</summary>
    Csv,

    /// <summary>Tab-separated values with a header row, quoted as CSV is.</summary>
    Tsv,

    /// <summary>JSON Lines: one JSON object per line.</summary>
    Jsonl,

    /// <summary>An Apache Parquet file.</summary>
    Parquet,

    /// <summary>A folder with one subfolder per class, each holding <c>*.txt</c> files: <c>DIR/&lt;label&gt;/*.txt</c>.</summary>
    Folder,
}
