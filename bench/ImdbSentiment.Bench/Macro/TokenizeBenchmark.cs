using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using ImdbSentiment.Text;

namespace ImdbSentiment.Bench.Macro;

/// <summary>
/// Tokenizes all 50,000 IMDb reviews with <see cref="SpacyTokenizer.English"/>: with Parallel.For over
/// <c>--threads</c> workers and on one thread, each <c>--repeat</c> times, reporting the best run.
/// </summary>
internal sealed class TokenizeBenchmark : IMacroBenchmark
{
    public string Name => "tokenize";

    public string Description => "spaCy-compatible tokenization of all 50,000 reviews (parallel and single-threaded)";

    public IReadOnlyDictionary<string, object> Run(MacroOptions options)
    {
        if (string.IsNullOrEmpty(options.DataPath) || !File.Exists(options.DataPath))
        {
            throw new InvalidOperationException("tokenize: pass --data PATH (or set IMDB_SENTIMENT_DATA) to the IMDb .tar.gz archive");
        }

        var load = Stopwatch.StartNew();
        var texts = ReadReviews(options.DataPath);
        load.Stop();
        var megabytes = texts.Sum(t => (long)Encoding.UTF8.GetByteCount(t)) / 1e6;
        var tokenizer = SpacyTokenizer.English;
        var counts = new int[texts.Length];
        var repeat = Math.Max(1, options.Repeat);
        var threads = Math.Max(1, options.Threads);

        // Warm-up on one thread: JIT and the chunk cache, as a long-running process would have them.
        var warm = Stopwatch.StartNew();
        Tokenize(texts, counts, tokenizer, 1);
        warm.Stop();

        var parallel = double.MaxValue;
        var single = double.MaxValue;
        for (var r = 0; r < repeat; r++)
        {
            parallel = Math.Min(parallel, Tokenize(texts, counts, tokenizer, threads));
            single = Math.Min(single, Tokenize(texts, counts, tokenizer, 1));
        }

        var sorted = counts.Order().ToArray();
        long tokens = counts.Sum(c => (long)c);
        return new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["tokenizer_version"] = SpacyTokenizer.Version,
            ["reviews"] = texts.Length,
            ["megabytes_utf8"] = Math.Round(megabytes, 2),
            ["load_seconds"] = Math.Round(load.Elapsed.TotalSeconds, 3),
            ["first_pass_seconds"] = Math.Round(warm.Elapsed.TotalSeconds, 3),
            ["tokens"] = tokens,
            ["repeat"] = repeat,
            ["best_wall_seconds"] = Math.Round(parallel, 3),
            ["tokens_per_second"] = Math.Round(tokens / parallel),
            ["megabytes_per_second"] = Math.Round(megabytes / parallel, 1),
            ["single_thread_seconds"] = Math.Round(single, 3),
            ["tokens_per_review_mean"] = Math.Round((double)tokens / texts.Length, 1),
            ["tokens_per_review_median"] = sorted.Length % 2 == 1
                ? sorted[sorted.Length / 2]
                : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2.0,
            ["tokens_per_review_max"] = sorted[^1],
        };
    }

    private static double Tokenize(string[] texts, int[] counts, SpacyTokenizer tokenizer, int threads)
    {
        var watch = Stopwatch.StartNew();
        Parallel.For(
            0,
            texts.Length,
            new ParallelOptions { MaxDegreeOfParallelism = threads },
            () => new List<Token>(4096),
            (i, _, buffer) =>
            {
                buffer.Clear();
                tokenizer.Tokenize(texts[i], buffer);
                counts[i] = buffer.Count;
                return buffer;
            },
            _ => { });
        watch.Stop();
        return watch.Elapsed.TotalSeconds;
    }

    /// <summary>Reads every aclImdb/{train,test}/{pos,neg}/*.txt entry of the archive into memory.</summary>
    private static string[] ReadReviews(string path)
    {
        var texts = new List<string>(50_000);
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        while (tar.GetNextEntry() is { } entry)
        {
            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.DataStream is null)
            {
                continue;
            }

            var parts = entry.Name.Split('/', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 4 || parts[0] != "aclImdb" || parts[1] is not ("train" or "test")
                || parts[2] is not ("pos" or "neg") || !parts[3].EndsWith(".txt", StringComparison.Ordinal))
            {
                continue;
            }

            using var reader = new StreamReader(entry.DataStream, Encoding.UTF8);
            texts.Add(reader.ReadToEnd());
        }

        return [.. texts];
    }
}
