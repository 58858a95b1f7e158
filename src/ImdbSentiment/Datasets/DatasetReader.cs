using ImdbSentiment.Datasets.Internal;

namespace ImdbSentiment.Datasets;

/// <summary>
/// Streams labeled texts from a CSV, TSV, JSON Lines or Parquet file or from a folder per class, one row at a
/// time (a Parquet file one row group at a time), checking every row: a text must be non-empty, UTF-8 and within
/// the length limit, and a label non-empty. Labels are trimmed of surrounding whitespace; texts are kept as read.
/// </summary>
public static class DatasetReader
{
    /// <summary>
    /// The format of <paramref name="path"/>: a folder is <see cref="DatasetFormat.Folder"/>; a file by its
    /// extension (<c>.csv</c>, <c>.tsv</c>/<c>.tab</c>, <c>.jsonl</c>/<c>.ndjson</c>, <c>.parquet</c>).
    /// </summary>
    /// <param name="path">The dataset's path.</param>
    /// <exception cref="DatasetException">The path does not exist, or its extension is none of these.</exception>
    public static DatasetFormat FormatOf(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (Directory.Exists(path))
        {
            return DatasetFormat.Folder;
        }

        if (!File.Exists(path))
        {
            throw DatasetException.NotFound(Path.GetFullPath(path));
        }

        return FormatOfExtension(path) ?? throw DatasetException.UnknownFormat(path);
    }

    /// <summary>The format a file's extension names (<c>.csv</c>, <c>.tsv</c>/<c>.tab</c>, <c>.jsonl</c>/<c>.ndjson</c>, <c>.parquet</c>), or null for any other.</summary>
    /// <param name="path">A file path; it need not exist.</param>
    public static DatasetFormat? FormatOfExtension(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".csv" => DatasetFormat.Csv,
        ".tsv" or ".tab" => DatasetFormat.Tsv,
        ".jsonl" or ".ndjson" => DatasetFormat.Jsonl,
        ".parquet" => DatasetFormat.Parquet,
        _ => null,
    };

    /// <summary>Reads the labeled texts of one file or folder, in file order.</summary>
    /// <param name="path">The file or folder.</param>
    /// <param name="options">Columns, format, length limit and bad-row policy.</param>
    /// <param name="skipped">Counts the rows skipped when <see cref="DatasetReadOptions.SkipBadRows"/> is set; may be null.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="DatasetException">
    /// The file is missing, unreadable or lacks a column; or a row is bad and bad rows are not skipped; or a row
    /// breaks the file's structure (a malformed CSV quote), which no policy can skip.
    /// </exception>
    public static IEnumerable<LabeledText> Read(string path, DatasetReadOptions options, SkippedRows? skipped = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var fullPath = Path.GetFullPath(path);
        var format = options.Format ?? FormatOf(fullPath);
        if (format == DatasetFormat.Folder ? !Directory.Exists(fullPath) : !File.Exists(fullPath))
        {
            throw DatasetException.NotFound(fullPath);
        }

        return Checked(Rows(fullPath, format, options, cancellationToken), fullPath, options, skipped);
    }

    private static IEnumerable<RawRow> Rows(string path, DatasetFormat format, DatasetReadOptions options, CancellationToken cancellationToken) => format switch
    {
        DatasetFormat.Csv => DelimitedRows.Read(path, ',', options, cancellationToken),
        DatasetFormat.Tsv => DelimitedRows.Read(path, '\t', options, cancellationToken),
        DatasetFormat.Jsonl => JsonLinesRows.Read(path, options, cancellationToken),
        DatasetFormat.Parquet => ParquetRows.Read(path, options, cancellationToken),
        DatasetFormat.Folder => FolderRows.Read(path, cancellationToken),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown format"),
    };

    private static IEnumerable<LabeledText> Checked(IEnumerable<RawRow> rows, string path, DatasetReadOptions options, SkippedRows? skipped)
    {
        var any = false;
        using (var enumerator = rows.GetEnumerator())
        {
            while (Next(enumerator, path))
            {
                any = true;
                var row = enumerator.Current;
                var problem = row.Problem ?? Problem(row, options);
                if (problem is null)
                {
                    yield return new LabeledText(row.Text!, row.Label!.Trim(), row.Location);
                }
                else
                {
                    SkippedRows.SkipOrThrow(problem, options, skipped);
                }
            }
        }

        if (!any)
        {
            throw DatasetException.NoRows(path);
        }
    }

    private static bool Next(IEnumerator<RawRow> rows, string path)
    {
        try
        {
            return rows.MoveNext();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw DatasetException.Unreadable(path, e.Message, e);
        }
    }

    private static DatasetException? Problem(RawRow row, DatasetReadOptions options)
    {
        if (Utf8Text.HasReplacement(row.Text) || Utf8Text.HasReplacement(row.Label))
        {
            return DatasetException.NotUtf8(row.Location);
        }

        if (string.IsNullOrWhiteSpace(row.Label))
        {
            return DatasetException.MissingLabel(row.Location);
        }

        if (string.IsNullOrWhiteSpace(row.Text))
        {
            return DatasetException.EmptyText(row.Location);
        }

        return row.Text.Length > options.MaxTextLength ? DatasetException.TooLong(row.Location, row.Text.Length, options.MaxTextLength) : null;
    }
}
