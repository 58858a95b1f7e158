namespace ImdbSentiment.Datasets;

/// <summary>
/// A dataset file could not be read, or holds a row that cannot be used. The message is one line that names the
/// file, the row (or line) and what is wrong; <see cref="Kind"/> tells the cases apart and <see cref="IsRowError"/>
/// says whether skipping the row (<see cref="DatasetReadOptions.SkipBadRows"/>) would get past it.
/// </summary>
public sealed class DatasetException : ImdbSentimentException
{
    internal const string SkipHint = "; fix it, or pass --skip-bad-rows to count and skip such rows";

    private DatasetException(DatasetErrorKind kind, string message, bool isRowError, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
        IsRowError = isRowError;
    }

    /// <summary>What is wrong.</summary>
    public DatasetErrorKind Kind { get; }

    /// <summary>Whether the problem is confined to one row, which <see cref="DatasetReadOptions.SkipBadRows"/> skips.</summary>
    public bool IsRowError { get; }

    internal static DatasetException NotFound(string path) => new(
        DatasetErrorKind.NotFound, $"dataset not found at {path}; pass the path of a .csv, .tsv, .jsonl or .parquet file or of a folder with one subfolder per class", false);

    internal static DatasetException UnknownFormat(string path) => new(
        DatasetErrorKind.UnknownFormat,
        $"{path}: cannot tell the format from its name; name it .csv, .tsv, .jsonl or .parquet, or pass --format csv|tsv|jsonl|parquet|folder", false);

    internal static DatasetException Unreadable(string path, string reason, Exception? inner = null) => new(
        DatasetErrorKind.Unreadable, $"{path} could not be read ({OneLine(reason)}); check the file and its permissions", false, inner);

    internal static DatasetException MissingColumn(string path, string option, string column, IEnumerable<string> available) => new(
        DatasetErrorKind.MissingColumn,
        $"{path} has no column \"{column}\" (columns: {Listed(available)}); pass {option} with one of them", false);

    internal static DatasetException EmptyText(string location) => new(
        DatasetErrorKind.EmptyText, $"{location}: the text is empty{SkipHint}", true);

    internal static DatasetException MissingLabel(string location) => new(
        DatasetErrorKind.MissingLabel, $"{location}: the label is empty{SkipHint}", true);

    internal static DatasetException NotUtf8(string location) => new(
        DatasetErrorKind.NotUtf8, $"{location}: holds bytes that are not UTF-8 (save the file as UTF-8){SkipHint}", true);

    internal static DatasetException MalformedRow(string location, string reason, bool skippable, Exception? inner = null) => new(
        DatasetErrorKind.MalformedRow,
        skippable
            ? $"{location}: {OneLine(reason)}{SkipHint}"
            : $"{location}: {OneLine(reason)}; the rows after it cannot be told apart, so fix the file",
        skippable,
        inner);

    internal static DatasetException TooLong(string location, int length, int limit) => new(
        DatasetErrorKind.TooLong, $"{location}: the text has {length:N0} characters, more than the limit of {limit:N0} (--max-text-length){SkipHint}", true);

    internal static DatasetException RareLabel(string location, string label) => new(
        DatasetErrorKind.RareLabel,
        $"{location}: label \"{label}\" occurs only once in the training data, too rare to learn; add examples of it{SkipHint}", true);

    internal static DatasetException UnknownLabel(string location, string label, IEnumerable<string> known) => new(
        DatasetErrorKind.UnknownLabel,
        $"{location}: label \"{label}\" does not occur in the training data (labels: {Listed(known)}){SkipHint}", true);

    internal static DatasetException SingleClass(string path, IReadOnlyCollection<string> labels) => new(
        DatasetErrorKind.SingleClass,
        labels.Count == 0
            ? $"{path}: no usable rows, so nothing to learn from"
            : $"{path}: every training row has the label \"{labels.First()}\"; a classifier needs at least two classes",
        false);

    internal static DatasetException NoClassFolders(string path) => new(
        DatasetErrorKind.NoRows,
        $"{path} has no subfolders: a dataset folder holds one subfolder per class (DIR/<label>/*.txt), the IMDb corpus aclImdb/ or train/ and test/", false);

    internal static DatasetException NoRows(string path) => new(
        DatasetErrorKind.NoRows, $"{path} holds no rows", false);

    private static string Listed(IEnumerable<string> names)
    {
        var shown = names.Take(11).Select(n => $"\"{n}\"").ToList();
        return shown.Count > 10 ? string.Join(", ", shown.Take(10)) + ", …" : string.Join(", ", shown);
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
