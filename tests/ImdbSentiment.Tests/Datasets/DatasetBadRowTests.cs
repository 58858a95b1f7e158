using System.Text;
using ImdbSentiment.Datasets;
using ImdbSentiment.Tests.Fixtures;

namespace ImdbSentiment.Tests.Datasets;

/// <summary>
/// Every kind of bad data: one error naming the file, the row (or line) and the problem; under SkipBadRows a row
/// problem is counted and the row dropped, while a problem of the whole file still stops the read.
/// </summary>
public sealed class DatasetBadRowTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("data.csv", "text,label\ngood,a\n   ,b\nfine,b\n", DatasetErrorKind.EmptyText, "data.csv row 2: the text is empty")]
    [InlineData("data.csv", "text,label\ngood,a\nmissing label,\nfine,b\n", DatasetErrorKind.MissingLabel, "data.csv row 2: the label is empty")]
    [InlineData("data.csv", "text,label\ngood,a\nonly one field\nfine,b\n", DatasetErrorKind.MalformedRow, "data.csv row 2: the row has 1 fields, the header 2")]
    [InlineData("data.csv", "text,label\ngood,a\n0123456789012,b\nfine,b\n", DatasetErrorKind.TooLong, "data.csv row 2: the text has 13 characters, more than the limit of 12")]
    [InlineData("data.jsonl", "{\"text\":\"good\",\"label\":\"a\"}\n{\"text\":\"bad\n{\"text\":\"fine\",\"label\":\"b\"}\n", DatasetErrorKind.MalformedRow, "data.jsonl line 2: not valid JSON")]
    [InlineData("data.jsonl", "{\"text\":\"good\",\"label\":\"a\"}\n[1,2]\n{\"text\":\"fine\",\"label\":\"b\"}\n", DatasetErrorKind.MalformedRow, "data.jsonl line 2: the line is not a JSON object")]
    [InlineData("data.jsonl", "{\"text\":\"good\",\"label\":\"a\"}\n{\"body\":\"x\",\"label\":\"a\"}\n{\"text\":\"fine\",\"label\":\"b\"}\n", DatasetErrorKind.MalformedRow, "data.jsonl line 2: no string field \"text\" (--text-column)")]
    [InlineData("data.jsonl", "{\"text\":\"good\",\"label\":\"a\"}\n{\"text\":\"x\"}\n{\"text\":\"fine\",\"label\":\"b\"}\n", DatasetErrorKind.MalformedRow, "data.jsonl line 2: no field \"label\" (--label-column)")]
    [InlineData("data.jsonl", "{\"text\":\"good\",\"label\":\"a\"}\n{\"text\":\"x\",\"label\":null}\n{\"text\":\"fine\",\"label\":\"b\"}\n", DatasetErrorKind.MissingLabel, "data.jsonl line 2: the label is empty")]
    public void A_bad_row_should_stop_the_read_with_its_location_or_be_skipped(string name, string content, DatasetErrorKind kind, string message)
    {
        // Given
        var path = _temp.Combine(name);
        File.WriteAllText(path, content);
        var options = new DatasetReadOptions(MaxTextLength: 12);

        // When
        var error = Assert.Throws<DatasetException>(() => DatasetReader.Read(path, options).ToList());
        var skipped = new SkippedRows();
        var kept = DatasetReader.Read(path, options with { SkipBadRows = true }, skipped).Select(r => r.Text).ToList();

        // Then
        Assert.Equal(kind, error.Kind);
        Assert.True(error.IsRowError);
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.EndsWith("; fix it, or pass --skip-bad-rows to count and skip such rows", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Equal(["good", "fine"], kept);
        Assert.Equal(1, skipped.Count);
        Assert.Equal(1, skipped.ByKind[kind]);
        Assert.Equal(error.Message.Replace("; fix it, or pass --skip-bad-rows to count and skip such rows", string.Empty, StringComparison.Ordinal), skipped.Examples.Single());
    }

    [Theory]
    [InlineData("data.csv")]
    [InlineData("data.jsonl")]
    public void Bytes_that_are_not_utf8_should_be_a_bad_row(string name)
    {
        var path = _temp.Combine(name);
        var (before, after) = name.EndsWith(".csv", StringComparison.Ordinal)
            ? ("text,label\ngood,a\ncaf", ",b\nfine,b\n")
            : ("{\"text\":\"good\",\"label\":\"a\"}\n{\"text\":\"caf", "\",\"label\":\"b\"}\n{\"text\":\"fine\",\"label\":\"b\"}\n");
        File.WriteAllBytes(path, [.. Encoding.UTF8.GetBytes(before), 0xE9, .. Encoding.UTF8.GetBytes(after)]);

        var error = Assert.Throws<DatasetException>(() => DatasetReader.Read(path, new DatasetReadOptions()).ToList());
        var kept = DatasetReader.Read(path, new DatasetReadOptions(SkipBadRows: true)).Select(r => r.Text).ToList();

        Assert.Equal(DatasetErrorKind.NotUtf8, error.Kind);
        Assert.StartsWith($"{name} {(name.EndsWith(".csv", StringComparison.Ordinal) ? "row" : "line")} 2: holds bytes that are not UTF-8", error.Message, StringComparison.Ordinal);
        Assert.Equal(["good", "fine"], kept);
    }

    [Fact]
    public void A_folder_file_that_is_not_utf8_should_be_a_bad_row()
    {
        var root = _temp.Combine("classes");
        Directory.CreateDirectory(Path.Combine(root, "a"));
        File.WriteAllText(Path.Combine(root, "a", "1.txt"), "good");
        File.WriteAllBytes(Path.Combine(root, "a", "2.txt"), [0x63, 0x61, 0x66, 0xE9]);

        var error = Assert.Throws<DatasetException>(() => DatasetReader.Read(root, new DatasetReadOptions()).ToList());
        var kept = DatasetReader.Read(root, new DatasetReadOptions(SkipBadRows: true)).Select(r => r.Text).ToList();

        Assert.Equal((DatasetErrorKind.NotUtf8, true), (error.Kind, error.Message.StartsWith("a/2.txt: holds bytes that are not UTF-8", StringComparison.Ordinal)));
        Assert.Equal(["good"], kept);
    }

    [Fact]
    public void A_malformed_quote_should_stop_the_read_even_when_skipping()
    {
        // After a broken quote the reader cannot tell where rows end, so no policy may guess.
        var path = _temp.Combine("data.csv");
        File.WriteAllText(path, "text,label\ngood,a\n\"broken \"quote,b\nfine,b\n");

        var error = Assert.Throws<DatasetException>(() => DatasetReader.Read(path, new DatasetReadOptions(SkipBadRows: true)).ToList());

        Assert.Equal((DatasetErrorKind.MalformedRow, false), (error.Kind, error.IsRowError));
        Assert.StartsWith("data.csv row 2: ", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("the rows after it cannot be told apart, so fix the file", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text,label\n", DatasetErrorKind.NoRows, "holds no rows")]
    [InlineData("", DatasetErrorKind.NoRows, "holds no rows")]
    [InlineData("body,label\nx,a\n", DatasetErrorKind.MissingColumn, "has no column \"text\" (columns: \"body\", \"label\"); pass --text-column with one of them")]
    [InlineData("text,class\nx,a\n", DatasetErrorKind.MissingColumn, "has no column \"label\" (columns: \"text\", \"class\"); pass --label-column with one of them")]
    public void A_file_without_rows_or_columns_should_stop_the_read_even_when_skipping(string content, DatasetErrorKind kind, string message)
    {
        var path = _temp.Combine("data.csv");
        File.WriteAllText(path, content);

        var error = Assert.Throws<DatasetException>(() => DatasetReader.Read(path, new DatasetReadOptions(SkipBadRows: true)).ToList());

        Assert.Equal((kind, false), (error.Kind, error.IsRowError));
        Assert.Equal($"{path} {message}", error.Message);
    }

    [Fact]
    public async Task A_parquet_file_without_the_column_or_with_null_texts()
    {
        var path = await DatasetFiles.ParquetAsync(_temp.Path, ["good", null, "fine", "ok"], ["a", "b", "b", null]);

        var missing = Assert.Throws<DatasetException>(() => DatasetReader.Read(path, new DatasetReadOptions(TextColumn: "review")).ToList());
        var empty = Assert.Throws<DatasetException>(() => DatasetReader.Read(path, new DatasetReadOptions()).ToList());
        var skipped = new SkippedRows();
        var kept = DatasetReader.Read(path, new DatasetReadOptions(SkipBadRows: true), skipped).Select(r => r.Text).ToList();

        Assert.Equal(DatasetErrorKind.MissingColumn, missing.Kind);
        Assert.Equal((DatasetErrorKind.EmptyText, "data.parquet row 2: the text is empty"), (empty.Kind, empty.Message[..empty.Message.IndexOf(';', StringComparison.Ordinal)]));
        Assert.Equal(["good", "fine"], kept);
        Assert.Equal("2 rows skipped (1 EmptyText, 1 MissingLabel)", skipped.ToString());
    }

    [Fact]
    public void A_file_that_is_not_parquet_should_be_unreadable()
    {
        var path = _temp.Combine("data.parquet");
        File.WriteAllText(path, "text,label\nx,a\n");

        var error = Assert.Throws<DatasetException>(() => DatasetReader.Read(path, new DatasetReadOptions()).ToList());

        Assert.Equal(DatasetErrorKind.Unreadable, error.Kind);
        Assert.StartsWith($"{path} could not be read (", error.Message, StringComparison.Ordinal);
    }
}
