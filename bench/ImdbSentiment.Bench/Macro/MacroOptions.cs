namespace ImdbSentiment.Bench.Macro;

/// <summary>Options shared by the macro benchmarks.</summary>
/// <param name="DataPath">The IMDb archive or folder (--data, else IMDB_SENTIMENT_DATA).</param>
/// <param name="Threads">libtorch intra-op threads (--threads, default 2).</param>
/// <param name="Repeat">How many timed repetitions (--repeat, default 3); the best is reported with the rest.</param>
/// <param name="Extra">Benchmark-specific --name value pairs.</param>
internal sealed record MacroOptions(string? DataPath, int Threads, int Repeat, IReadOnlyDictionary<string, string> Extra);
