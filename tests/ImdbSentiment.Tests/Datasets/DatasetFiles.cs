using System.Text;
using Parquet;
using Parquet.Schema;

namespace ImdbSentiment.Tests.Datasets;

/// <summary>Writes small dataset files of every format for tests: the same rows in each.</summary>
internal static class DatasetFiles
{
    /// <summary>Rows that exercise quoting: a comma, a doubled quote, a line break, a leading '#', non-ASCII text.</summary>
    public static readonly (string Text, string Label)[] Rows =
    [
        ("A fine, warm film.", "pos"),
        ("He said \"dreadful\" and left.", "neg"),
        ("Two lines:\nthe second is better.", "pos"),
        ("# not a comment", "neg"),
        ("Très bien — naïve but 😀 fun", "pos"),
    ];

    public static string Csv(string folder, string name = "data.csv", bool byteOrderMark = false)
    {
        var builder = new StringBuilder("id,text,label\r\n");
        for (var i = 0; i < Rows.Length; i++)
        {
            builder.Append(i).Append(',').Append(Quote(Rows[i].Text)).Append(',').Append(Rows[i].Label).Append("\r\n");
        }

        var path = Path.Combine(folder, name);
        File.WriteAllText(path, builder.ToString(), new UTF8Encoding(byteOrderMark));
        return path;
    }

    public static string Tsv(string folder)
    {
        var builder = new StringBuilder("label\ttext\n");
        foreach (var (text, label) in Rows)
        {
            builder.Append(label).Append('\t').Append(Quote(text)).Append('\n');
        }

        var path = Path.Combine(folder, "data.tsv");
        File.WriteAllText(path, builder.ToString());
        return path;
    }

    public static string Jsonl(string folder)
    {
        var lines = Rows.Select(r => System.Text.Json.JsonSerializer.Serialize(new { text = r.Text, label = r.Label, extra = 1 }));
        var path = Path.Combine(folder, "data.jsonl");
        File.WriteAllText(path, string.Join("\n\n", lines) + "\n");
        return path;
    }

    /// <summary>A Parquet file of string text and label columns, written as two row groups so reading crosses a group boundary.</summary>
    public static async Task<string> ParquetAsync(string folder, IReadOnlyList<string?> texts, IReadOnlyList<string?> labels, string name = "data.parquet")
    {
        var text = new DataField<string>("text");
        var label = new DataField<string>("label");
        var path = Path.Combine(folder, name);
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(text, label), stream);
        var half = texts.Count / 2;
        foreach (var (start, end) in new[] { (0, half), (half, texts.Count) })
        {
            using var group = writer.CreateRowGroup();
            await group.WriteAsync(text, texts.Skip(start).Take(end - start).ToArray());
            await group.WriteAsync(label, labels.Skip(start).Take(end - start).ToArray());
        }

        return path;
    }

    /// <summary>A Parquet file with an integer label column.</summary>
    public static async Task<string> ParquetWithIntegerLabelsAsync(string folder, IReadOnlyList<string> texts, IReadOnlyList<int> labels)
    {
        var text = new DataField<string>("text");
        var label = new DataField<int>("stars");
        var path = Path.Combine(folder, "stars.parquet");
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(text, label), stream);
        using var group = writer.CreateRowGroup();
        await group.WriteAsync(text, texts.ToArray());
        await group.WriteAsync<int>(label, new ReadOnlyMemory<int>([.. labels]));
        return path;
    }

    public static Task<string> ParquetAsync(string folder) => ParquetAsync(folder, [.. Rows.Select(r => r.Text)], [.. Rows.Select(r => r.Label)]);

    public static string Folder(string folder)
    {
        var root = Path.Combine(folder, "classes");
        for (var i = 0; i < Rows.Length; i++)
        {
            Directory.CreateDirectory(Path.Combine(root, Rows[i].Label));
            File.WriteAllText(Path.Combine(root, Rows[i].Label, $"{i:D2}.txt"), Rows[i].Text);
        }

        return root;
    }

    public static string Quote(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
