using System.Globalization;
using Parquet;
using Parquet.Schema;

namespace ImdbSentiment.Datasets.Internal;

/// <summary>
/// Parquet rows through Parquet.Net, one row group in memory at a time: the text column must hold strings, the
/// label column strings, integers or booleans.
/// </summary>
internal static class ParquetRows
{
    public static IEnumerable<RawRow> Read(string path, DatasetReadOptions options, CancellationToken cancellationToken)
    {
        var reader = Open(path, cancellationToken);
        try
        {
            foreach (var row in Rows(path, reader, options, cancellationToken))
            {
                yield return row;
            }
        }
        finally
        {
            // ParquetReader is only asynchronously disposable; this iterator is synchronous.
            reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static IEnumerable<RawRow> Rows(string path, ParquetReader reader, DatasetReadOptions options, CancellationToken cancellationToken)
    {
        var fields = reader.Schema.GetDataFields();
        var text = Field(path, fields, options.TextColumn, "--text-column");
        var label = Field(path, fields, options.LabelColumn, "--label-column");
        if (!IsText(text))
        {
            throw DatasetException.Unreadable(path, $"column \"{text.Name}\" holds {text.ClrType.Name} values, not text");
        }

        var name = Path.GetFileName(path);
        long row = 0;
        for (var group = 0; group < reader.RowGroupCount; group++)
        {
            var (texts, labels) = ReadGroup(path, reader, group, text, label, cancellationToken);
            for (var i = 0; i < texts.Length; i++)
            {
                row++;
                yield return new RawRow(texts[i], labels[i], $"{name} row {row}");
            }
        }
    }

    private static ParquetReader Open(string path, CancellationToken cancellationToken)
    {
        try
        {
            return ParquetReader.CreateAsync(path, cancellationToken: cancellationToken).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or NotSupportedException or InvalidOperationException)
        {
            throw DatasetException.Unreadable(path, e.Message, e);
        }
    }

    private static (string?[] Texts, string?[] Labels) ReadGroup(string path, ParquetReader reader, int group, DataField text, DataField label,
        CancellationToken cancellationToken)
    {
        try
        {
            var groupReader = reader.OpenRowGroupReader(group);
            var count = checked((int)groupReader.RowCount);
            var texts = new string?[count];
            groupReader.ReadAsync(text, texts.AsMemory(), cancellationToken: cancellationToken).AsTask().GetAwaiter().GetResult();
            return (texts, ReadLabels(groupReader, label, count, cancellationToken));
        }
        catch (Exception e) when (e is IOException or InvalidDataException or NotSupportedException or InvalidOperationException)
        {
            throw DatasetException.Unreadable(path, $"row group {group + 1}: {e.Message}", e);
        }
    }

    private static string?[] ReadLabels(ParquetRowGroupReader groupReader, DataField label, int count, CancellationToken cancellationToken)
    {
        if (IsText(label))
        {
            var labels = new string?[count];
            groupReader.ReadAsync(label, labels.AsMemory(), cancellationToken: cancellationToken).AsTask().GetAwaiter().GetResult();
            return labels;
        }

        return label.ClrType switch
        {
            var t when t == typeof(int) => Values<int>(groupReader, label, count, v => v.ToString(CultureInfo.InvariantCulture), cancellationToken),
            var t when t == typeof(long) => Values<long>(groupReader, label, count, v => v.ToString(CultureInfo.InvariantCulture), cancellationToken),
            var t when t == typeof(short) => Values<short>(groupReader, label, count, v => v.ToString(CultureInfo.InvariantCulture), cancellationToken),
            var t when t == typeof(byte) => Values<byte>(groupReader, label, count, v => v.ToString(CultureInfo.InvariantCulture), cancellationToken),
            var t when t == typeof(bool) => Values<bool>(groupReader, label, count, v => v ? "true" : "false", cancellationToken),
            _ => throw new NotSupportedException($"column \"{label.Name}\" holds {label.ClrType.Name} values; labels must be text, integers or booleans"),
        };
    }

    private static string?[] Values<T>(ParquetRowGroupReader groupReader, DataField label, int count, Func<T, string> format, CancellationToken cancellationToken)
        where T : struct
    {
        var values = new T?[count];
        groupReader.ReadAsync(label, values.AsMemory(), cancellationToken: cancellationToken).AsTask().GetAwaiter().GetResult();
        return [.. values.Select(v => v is { } value ? format(value) : null)];
    }

    // Parquet.Net reports a UTF-8 column as string or, when read as memory, ReadOnlyMemory<char>.
    private static bool IsText(DataField field) => field.ClrType == typeof(string) || field.ClrType == typeof(ReadOnlyMemory<char>);

    private static DataField Field(string path, DataField[] fields, string column, string option) =>
        fields.FirstOrDefault(f => f.Name == column) ?? throw DatasetException.MissingColumn(path, option, column, fields.Select(f => f.Name));
}
