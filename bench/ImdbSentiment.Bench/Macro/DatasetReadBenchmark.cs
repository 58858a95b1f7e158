using System.Diagnostics;
using System.Text;
using System.Text.Json;
using ImdbSentiment.Bench.Macro.Internal;
using ImdbSentiment.Data;
using ImdbSentiment.Datasets;

namespace ImdbSentiment.Bench.Macro;

/// <summary>
/// Reads a large dataset file with <see cref="DatasetReader"/>: writes a CSV (and a JSON Lines file) of
/// <c>--megabytes</c> (default 1024) by repeating the IMDb reviews with quoting, then streams every row through the
/// checks, <c>--repeat</c> times, and reports MB/s and the process's peak resident memory, which must not grow with
/// the file. The files are written to <c>--dir</c> (default the temp folder) and deleted afterwards.
/// </summary>
internal sealed class DatasetReadBenchmark : IMacroBenchmark
{
    public string Name => "dataset-read";

    public string Description => "stream a 1 GB CSV and JSON Lines file of labeled reviews through DatasetReader (MB/s, peak memory)";

    public IReadOnlyDictionary<string, object> Run(MacroOptions options)
    {
        var corpus = ImdbCorpus.Load(options.RequireData(Name));
        var reviews = corpus.Train.Concat(corpus.Test).Select(r => (r.Text, Label: SentimentLabels.Name(r.Label))).ToArray();
        var target = (long)options.Int("megabytes", 1024) * 1_000_000;
        var folder = Path.Combine(options.String("dir", Path.GetTempPath()), $"dataset-read-{Environment.ProcessId}");
        Directory.CreateDirectory(folder);
        try
        {
            var csv = Path.Combine(folder, "reviews.csv");
            var jsonl = Path.Combine(folder, "reviews.jsonl");
            var write = Stopwatch.StartNew();
            var rows = Write(csv, target, reviews, (w, text, label) => w.Write($"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\",{label}\n"), "text,label\n");
            Write(jsonl, target, reviews, (w, text, label) => w.Write(JsonSerializer.Serialize(new { text, label }) + "\n"), null);
            write.Stop();

            var figures = new Dictionary<string, object>(StringComparer.Ordinal)
            {
                ["rows"] = rows,
                ["write_seconds"] = Math.Round(write.Elapsed.TotalSeconds, 1),
                ["peak_rss_mb_before_reading"] = PeakResidentMegabytes(),
            };
            foreach (var (name, path) in new[] { ("csv", csv), ("jsonl", jsonl) })
            {
                var megabytes = new FileInfo(path).Length / 1e6;
                var best = double.MaxValue;
                for (var r = 0; r < Math.Max(1, options.Repeat); r++)
                {
                    var clock = Stopwatch.StartNew();
                    long count = 0, characters = 0;
                    foreach (var row in DatasetReader.Read(path, new DatasetReadOptions()))
                    {
                        count++;
                        characters += row.Text.Length;
                    }

                    best = Math.Min(best, clock.Elapsed.TotalSeconds);
                    figures[$"{name}_rows_read"] = count;
                    figures[$"{name}_characters"] = characters;
                }

                figures[$"{name}_megabytes"] = Math.Round(megabytes, 1);
                figures[$"{name}_best_seconds"] = Math.Round(best, 2);
                figures[$"{name}_megabytes_per_second"] = Math.Round(megabytes / best, 1);
                figures[$"peak_rss_mb_after_{name}"] = PeakResidentMegabytes();
            }

            return figures;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static long Write(string path, long target, (string Text, string Label)[] reviews, Action<StreamWriter, string, string> row, string? header)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), 1 << 20);
        if (header is not null)
        {
            writer.Write(header);
        }

        long rows = 0;
        while (writer.BaseStream.Position < target)
        {
            var (text, label) = reviews[rows % reviews.Length];
            row(writer, text, label);
            rows++;
            if (rows % 1024 == 0)
            {
                writer.Flush();
            }
        }

        return rows;
    }

    // VmHWM: the most resident memory the process has had; flat across files of any size when reading streams.
    private static long PeakResidentMegabytes() => ProcessStatus.Kilobytes("self", "VmHWM") is { } kilobytes ? kilobytes / 1024 : -1;
}
