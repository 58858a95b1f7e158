using Sylvan.Data.Csv;

namespace ImdbSentiment.Datasets.Internal;

/// <summary>CSV and TSV rows through Sylvan.Data.Csv (RFC 4180 quoting, header row, a UTF-8 byte order mark skipped).</summary>
internal static class DelimitedRows
{
    public static IEnumerable<RawRow> Read(string path, char delimiter, DatasetReadOptions options, CancellationToken cancellationToken)
    {
        using var reader = Utf8Text.Open(path);
        SkipByteOrderMark(reader);
        var csvOptions = new CsvDataReaderOptions
        {
            Delimiter = delimiter,
            HasHeaders = true,
            // A text may start with '#'; Sylvan's default would drop such a row as a comment.
            Comment = '\0',
            // A record must fit in the buffer; allow the text limit plus room for quotes and the other columns.
            MaxBufferSize = checked((int)Math.Min(int.MaxValue / 2, (long)options.MaxTextLength * 2 + (1 << 16))),
        };

        CsvDataReader csv;
        try
        {
            csv = CsvDataReader.Create(reader, csvOptions);
        }
        catch (CsvMissingHeadersException)
        {
            throw DatasetException.NoRows(path);
        }

        using (csv)
        {
            var columns = Enumerable.Range(0, csv.FieldCount).Select(csv.GetName).ToArray();
            var text = Ordinal(path, columns, options.TextColumn, "--text-column");
            var label = Ordinal(path, columns, options.LabelColumn, "--label-column");
            var name = Path.GetFileName(path);
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                try
                {
                    if (!csv.Read())
                    {
                        yield break;
                    }
                }
                catch (CsvRecordTooLargeException e)
                {
                    throw DatasetException.MalformedRow($"{name} row {csv.RowNumber + 1}",
                        $"the row is longer than {csvOptions.MaxBufferSize:N0} characters (--max-text-length)", skippable: false, e);
                }
                catch (CsvFormatException e)
                {
                    throw DatasetException.MalformedRow($"{name} row {e.RowNumber}", e.Message, skippable: false, e);
                }

                var location = $"{name} row {csv.RowNumber}";
                if (csv.RowFieldCount <= Math.Max(text, label))
                {
                    yield return new RawRow(null, null, location,
                        DatasetException.MalformedRow(location, $"the row has {csv.RowFieldCount} fields, the header {columns.Length}", skippable: true));
                    continue;
                }

                yield return new RawRow(csv.GetString(text), csv.GetString(label), location);
            }
        }
    }

    private static int Ordinal(string path, string[] columns, string column, string option)
    {
        var index = Array.IndexOf(columns, column);
        return index >= 0 ? index : throw DatasetException.MissingColumn(path, option, column, columns);
    }

    private static void SkipByteOrderMark(StreamReader reader)
    {
        if (reader.Peek() == '\uFEFF')
        {
            reader.Read();
        }
    }
}
