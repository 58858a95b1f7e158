using System.Diagnostics;
using System.Runtime.InteropServices;
using ImdbSentiment.Batching;
using ImdbSentiment.Data;
using ImdbSentiment.Randomness;
using ImdbSentiment.Text;
using ImdbSentiment.Vocabulary;

namespace ImdbSentiment.Pipeline;

/// <summary>
/// Splits the corpus, tokenizes every review exactly once (in parallel), builds the vocabulary on the training
/// split, and encodes all splits. Tokens are interned to provisional ids during tokenization, so counting and
/// encoding are integer work and no token string is allocated more than once per worker.
/// </summary>
public static class CorpusPreparation
{
    /// <summary>Prepares the corpus.</summary>
    /// <param name="corpus">The loaded corpus.</param>
    /// <param name="options">Split, vocabulary and tokenizer settings.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    public static PreparedCorpus Prepare(ImdbCorpus corpus, PreparationOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MinFrequency, 1);
        var clock = Stopwatch.StartNew();
        var train = Limit(corpus.Train, options, "limit-train");
        var test = Limit(corpus.Test, options, "limit-test");
        var split = DatasetSplit.Create(train, options.TrainFraction, options.Seed);
        var tokenizer = options.Tokenizer is null ? SpacyTokenizer.English : new SpacyTokenizer(options.Tokenizer);

        Review[] all = [.. split.Train, .. split.Validation, .. test];
        var (provisional, tokens) = Intern(all, tokenizer, cancellationToken);
        var trainCount = split.Train.Count;

        var vocabulary = options.Vocabulary ?? BuildVocabulary(provisional.AsSpan(0, trainCount), tokens, options.MinFrequency);
        var remap = tokens.Select(vocabulary.IndexOf).ToArray();
        var encoded = new EncodedReview[all.Length];
        Parallel.For(0, all.Length, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            var ids = provisional[i];
            for (var t = 0; t < ids.Length; t++)
            {
                ids[t] = remap[ids[t]];
            }

            encoded[i] = new EncodedReview(ids, all[i].Label == Sentiment.Positive ? 1f : 0f);
        });

        var validationEnd = trainCount + split.Validation.Count;
        return new PreparedCorpus(
            vocabulary, split, test,
            encoded[..trainCount], encoded[trainCount..validationEnd], encoded[validationEnd..],
            TokenStatistics.Of(encoded[..trainCount].Select(e => e.Length).ToArray()),
            clock.Elapsed.TotalSeconds);
    }

    private static IReadOnlyList<Review> Limit(IReadOnlyList<Review> reviews, PreparationOptions options, string purpose)
    {
        if (options.Limit is not { } limit || limit >= reviews.Count)
        {
            return reviews;
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1, nameof(options.Limit));
        var shuffled = reviews.ToArray();
        DeterministicRandom.Derive(options.Seed, purpose).Shuffle(shuffled.AsSpan());
        return shuffled[..limit];
    }

    private static TokenVocabulary BuildVocabulary(ReadOnlySpan<int[]> trainIds, string[] tokens, int minFrequency)
    {
        var counts = new int[tokens.Length];
        foreach (var ids in trainIds)
        {
            foreach (var id in ids)
            {
                counts[id]++;
            }
        }

        var frequencies = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < tokens.Length; i++)
        {
            if (counts[i] > 0)
            {
                frequencies[tokens[i]] = counts[i];
            }
        }

        return TokenVocabulary.Build(frequencies, minFrequency);
    }

    // Each worker tokenizes a contiguous range with its own interning table; the tables are then merged into one
    // provisional id space. Ids are provisional: they are remapped to vocabulary ids once the vocabulary exists.
    private static (int[][] Ids, string[] Tokens) Intern(Review[] reviews, SpacyTokenizer tokenizer, CancellationToken cancellationToken)
    {
        var workers = Math.Max(1, Math.Min(Environment.ProcessorCount * 4, reviews.Length / 64 + 1));
        var ids = new int[reviews.Length][];
        var tables = new List<string>[workers];
        (int Start, int End) Range(int worker) =>
            ((int)((long)reviews.Length * worker / workers), (int)((long)reviews.Length * (worker + 1) / workers));
        Parallel.For(0, workers, new ParallelOptions { CancellationToken = cancellationToken }, worker =>
        {
            var (start, end) = Range(worker);
            var table = new Dictionary<string, int>(StringComparer.Ordinal);
            var lookup = table.GetAlternateLookup<ReadOnlySpan<char>>();
            var names = new List<string>();
            var tokens = new List<Token>(1024);
            for (var i = start; i < end; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var text = reviews[i].Text;
                tokens.Clear();
                tokenizer.Tokenize(text, tokens);
                var row = new int[tokens.Count];
                for (var t = 0; t < row.Length; t++)
                {
                    var span = text.AsSpan(tokens[t].Start, tokens[t].Length);
                    ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(lookup, span, out var exists);
                    if (!exists)
                    {
                        slot = names.Count;
                        names.Add(span.ToString());
                    }

                    row[t] = slot;
                }

                ids[i] = row;
            }

            tables[worker] = names;
        });

        var global = new Dictionary<string, int>(StringComparer.Ordinal);
        var globalNames = new List<string>();
        var remaps = new int[workers][];
        for (var worker = 0; worker < workers; worker++)
        {
            var names = tables[worker];
            var remap = remaps[worker] = new int[names.Count];
            for (var local = 0; local < names.Count; local++)
            {
                ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(global, names[local], out var exists);
                if (!exists)
                {
                    slot = globalNames.Count;
                    globalNames.Add(names[local]);
                }

                remap[local] = slot;
            }
        }

        Parallel.For(0, workers, worker =>
        {
            var (start, end) = Range(worker);
            var remap = remaps[worker];
            for (var i = start; i < end; i++)
            {
                var row = ids[i];
                for (var t = 0; t < row.Length; t++)
                {
                    row[t] = remap[row[t]];
                }
            }
        });

        return (ids, [.. globalNames]);
    }
}
