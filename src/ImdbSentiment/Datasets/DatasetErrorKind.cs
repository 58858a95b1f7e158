namespace ImdbSentiment.Datasets;

/// <summary>What is wrong with a dataset file, for callers that react differently to each case.</summary>
public enum DatasetErrorKind
{
    /// <summary>The file or folder does not exist.</summary>
    NotFound,

    /// <summary>The format cannot be told from the path.</summary>
    UnknownFormat,

    /// <summary>The file could not be read (permissions, I/O error, not a Parquet file).</summary>
    Unreadable,

    /// <summary>The text or label column is not in the file.</summary>
    MissingColumn,

    /// <summary>A row's text is empty or only whitespace.</summary>
    EmptyText,

    /// <summary>A row has no label.</summary>
    MissingLabel,

    /// <summary>A row holds bytes that are not UTF-8.</summary>
    NotUtf8,

    /// <summary>A row cannot be parsed: a malformed quote, invalid JSON, a missing field.</summary>
    MalformedRow,

    /// <summary>A row's text is longer than the limit.</summary>
    TooLong,

    /// <summary>A label occurs only once in the training data, too rare to learn or to split.</summary>
    RareLabel,

    /// <summary>A validation or test row has a label the training data does not have.</summary>
    UnknownLabel,

    /// <summary>The training data has fewer than two classes.</summary>
    SingleClass,

    /// <summary>The file has no rows.</summary>
    NoRows,
}
