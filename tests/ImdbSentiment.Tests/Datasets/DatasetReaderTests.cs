using System.Text;
using ImdbSentiment.Datasets;
using ImdbSentiment.Tests.Fixtures;

namespace ImdbSentiment.Tests.Datasets;

public sealed class DatasetReaderTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    public static TheoryData<string> Formats => ["csv", "csv-bom", "tsv", "jsonl", "parquet", "folder"];

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Every_format_should_give_the_same_texts_and_labels(string format)
    {
        // Given
        var path = format switch
        {
            "csv" => DatasetFiles.Csv(_temp.Path),
            "csv-bom" => DatasetFiles.Csv(_temp.Path, byteOrderMark: true),
            "tsv" => DatasetFiles.Tsv(_temp.Path),
            "jsonl" => DatasetFiles.Jsonl(_temp.Path),
            "parquet" => await DatasetFiles.ParquetAsync(_temp.Path),
            _ => DatasetFiles.Folder(_temp.Path),
        };

        // When
        var rows = DatasetReader.Read(path, new DatasetReadOptions()).ToList();

        // Then: the folder reads class by class, the files in file order.
        var expected = format == "folder" ? DatasetFiles.Rows.OrderBy(r => r.Label, StringComparer.Ordinal).ToArray() : DatasetFiles.Rows;
        Assert.Equal(expected.Select(r => (r.Text, r.Label)), rows.Select(r => (r.Text, r.Label)));
    }

    [Theory]
    [InlineData("data.csv", DatasetFormat.Csv)]
    [InlineData("DATA.TSV", DatasetFormat.Tsv)]
    [InlineData("data.tab", DatasetFormat.Tsv)]
    [InlineData("data.jsonl", DatasetFormat.Jsonl)]
    [InlineData("data.ndjson", DatasetFormat.Jsonl)]
    [InlineData("data.parquet", DatasetFormat.Parquet)]
    public void Format_should_follow_the_extension(string name, DatasetFormat expected)
    {
        var path = _temp.Combine(name);
        File.WriteAllText(path, string.Empty);

        Assert.Equal(expected, DatasetReader.FormatOf(path));
    }

    [Fact]
    public void Format_of_a_folder_is_folder_and_of_another_extension_an_error()
    {
        var other = _temp.Combine("data.xlsx");
        File.WriteAllText(other, string.Empty);

        Assert.Equal(DatasetFormat.Folder, DatasetReader.FormatOf(_temp.Path));
        Assert.Equal(DatasetErrorKind.UnknownFormat, Assert.Throws<DatasetException>(() => DatasetReader.FormatOf(other)).Kind);
        Assert.Equal(DatasetErrorKind.NotFound, Assert.Throws<DatasetException>(() => DatasetReader.FormatOf(_temp.Combine("missing.csv"))).Kind);
    }

    [Fact]
    public void Columns_should_be_found_by_name_and_labels_trimmed()
    {
        var path = _temp.Combine("reviews.csv");
        File.WriteAllText(path, "stars,review,note\n 4 ,Good enough,x\n1,Awful,y\n");

        var rows = DatasetReader.Read(path, new DatasetReadOptions(TextColumn: "review", LabelColumn: "stars")).ToList();

        Assert.Equal([("Good enough", "4", "reviews.csv row 1"), ("Awful", "1", "reviews.csv row 2")], rows.Select(r => (r.Text, r.Label, r.Location)));
    }

    [Fact]
    public void Jsonl_labels_may_be_numbers_or_booleans()
    {
        var path = _temp.Combine("data.jsonl");
        File.WriteAllText(path, "{\"text\":\"a\",\"label\":3}\n{\"text\":\"b\",\"label\":true}\n{\"text\":\"c\",\"label\":\"x\"}\n");

        var rows = DatasetReader.Read(path, new DatasetReadOptions()).Select(r => r.Label).ToList();

        Assert.Equal(["3", "true", "x"], rows);
    }

    [Fact]
    public async Task Parquet_labels_may_be_integers()
    {
        var path = await DatasetFiles.ParquetWithIntegerLabelsAsync(_temp.Path, ["a", "b", "c"], [10, 1, 10]);

        var rows = DatasetReader.Read(path, new DatasetReadOptions(LabelColumn: "stars")).Select(r => r.Label).ToList();

        Assert.Equal(["10", "1", "10"], rows);
    }

    [Fact]
    public void Reading_should_stream_rather_than_load_the_file_first()
    {
        // A bad row late in the file: the rows before it are returned before the error, so nothing reads ahead.
        var path = _temp.Combine("data.csv");
        File.WriteAllText(path, "text,label\nfirst,a\nsecond,b\n,a\n");
        using var rows = DatasetReader.Read(path, new DatasetReadOptions()).GetEnumerator();

        Assert.True(rows.MoveNext());
        Assert.True(rows.MoveNext());
        Assert.Equal("second", rows.Current.Text);
        Assert.Equal(DatasetErrorKind.EmptyText, Assert.Throws<DatasetException>(() => rows.MoveNext()).Kind);
    }

    [Fact]
    public void A_folder_reads_utf8_with_or_without_a_byte_order_mark()
    {
        var root = _temp.Combine("classes");
        Directory.CreateDirectory(Path.Combine(root, "a"));
        Directory.CreateDirectory(Path.Combine(root, "b"));
        File.WriteAllText(Path.Combine(root, "a", "1.txt"), "café", new UTF8Encoding(true));
        File.WriteAllText(Path.Combine(root, "b", "1.txt"), "naïve", new UTF8Encoding(false));
        File.WriteAllText(Path.Combine(root, "b", "notes.md"), "ignored");

        var rows = DatasetReader.Read(root, new DatasetReadOptions()).ToList();

        Assert.Equal([("café", "a"), ("naïve", "b")], rows.Select(r => (r.Text, r.Label)));
    }
}
