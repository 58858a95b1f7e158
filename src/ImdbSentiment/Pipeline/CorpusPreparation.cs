using System.Globalization;
using System.Diagnostics;
using System.Runtime.InteropServices;
using ImdbSentiment.Batching;
using ImdbSentiment.Data;
using ImdbSentiment.Data.Internal;
using ImdbSentiment.Datasets;
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
    /// <summary>Prepares the IMDb corpus: the tutorial's split (<see cref="Dataset"/>), then <see cref="Prepare(LabeledDataset, PreparationOptions, CancellationToken)"/>.</summary>
    /// <param name="corpus">The loaded corpus.</param>
    /// <param name="options">Split, vocabulary and tokenizer settings.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    public static PreparedCorpus Prepare(ImdbCorpus corpus, PreparationOptions options, CancellationToken cancellationToken = default) =>
        Prepare(Dataset(corpus, options), options, cancellationToken);

    /// <summary>
    /// Tokenizes a dataset, builds the vocabulary on its training part (unless <see cref="PreparationOptions.Vocabulary"/>
    /// is given) and encodes every part; a row's target is its label's index in <see cref="LabeledDataset.Labels"/>.
    /// The split settings of <paramref name="options"/> are not used: the dataset is already split;
    /// <see cref="PreparationOptions.ExtraTraining"/> rows join its training part.
    /// </summary>
    /// <param name="dataset">The split dataset.</param>
    /// <param name="options">Vocabulary and tokenizer settings.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    public static PreparedCorpus Prepare(LabeledDataset dataset, PreparationOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MinFrequency, 1);
        if (options.ExtraTraining is { Count: > 0 } extra)
        {
            dataset = new LabeledDataset(dataset.Labels, [.. dataset.Train, .. extra], dataset.Validation, dataset.Test);
        }

        var clock = Stopwatch.StartNew();
        var tokenizer = options.Tokenizer is null ? SpacyTokenizer.English : new SpacyTokenizer(options.Tokenizer);

        LabeledText[] all = [.. dataset.Train, .. dataset.Validation, .. dataset.Test];
        var (provisional, tokens) = Intern(all.Select(r => r.Text).ToArray(), tokenizer, cancellationToken);
        var trainCount = dataset.Train.Count;

        var vocabulary = options.Vocabulary ?? BuildVocabulary(provisional.AsSpan(0, trainCount), tokens, options.MinFrequency);
        var encoded = Encode(provisional, tokens, vocabulary, i => dataset.IndexOf(all[i].Label), cancellationToken);

        var validationEnd = trainCount + dataset.Validation.Count;
        return new PreparedCorpus(
            vocabulary, dataset,
            encoded[..trainCount], encoded[trainCount..validationEnd], encoded[validationEnd..],
            TokenStatistics.Of(encoded[..trainCount].Select(e => e.Length).ToArray()),
            clock.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// The IMDb corpus as a dataset: the tutorial's seeded 70/30 split of the (possibly limited) training reviews
    /// and the (possibly limited) test reviews, labeled <c>neg</c> (target 0) and <c>pos</c> (target 1), or with their star
    /// ratings (<see cref="ImdbLabeling.Stars"/>, targets 0–7 for 1–4 and 7–10 stars).
    /// </summary>
    /// <param name="corpus">The loaded corpus.</param>
    /// <param name="options">Split settings (seed, fraction, limit).</param>
    public static LabeledDataset Dataset(ImdbCorpus corpus, PreparationOptions options)
    {
        var split = Split(corpus, options);
        var test = TestReviews(corpus, options);
        var stars = options.Labeling == ImdbLabeling.Stars;
        LabeledText[] Rows(IReadOnlyList<Review> reviews) => [.. reviews.Select(r => new LabeledText(r.Text,
            stars ? r.Rating.ToString(CultureInfo.InvariantCulture) : SentimentLabels.Name(r.Label), $"{CorpusLayout.Folder(r.Split, r.Label)}/{r.Id}_{r.Rating}.txt"))];
        return new LabeledDataset(stars ? StarLabels : SentimentLabels.Names, Rows(split.Train), Rows(split.Validation), Rows(test));
    }

    /// <summary>The star ratings the IMDb corpus holds, in class order (its reviews of 5 and 6 stars were left out by its authors).</summary>
    public static IReadOnlyList<string> StarLabels { get; } = ["1", "2", "3", "4", "7", "8", "9", "10"];

    /// <summary>
    /// The training and validation reviews <see cref="Prepare(ImdbCorpus, PreparationOptions, CancellationToken)"/> uses for these options (the same limit, seed and
    /// fraction give the same reviews), without reading their text.
    /// </summary>
    /// <param name="corpus">The loaded corpus.</param>
    /// <param name="options">Split settings (seed, fraction, limit).</param>
    public static DatasetSplit Split(ImdbCorpus corpus, PreparationOptions options)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentNullException.ThrowIfNull(options);
        return DatasetSplit.Create(Limit(corpus.Train, options, "limit-train"), options.TrainFraction, options.Seed);
    }

    /// <summary>The test reviews <see cref="Dataset"/> uses for these options (the same limit and seed give the same reviews).</summary>
    /// <param name="corpus">The loaded corpus.</param>
    /// <param name="options">Limit and seed.</param>
    public static IReadOnlyList<Review> TestReviews(ImdbCorpus corpus, PreparationOptions options)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentNullException.ThrowIfNull(options);
        return Limit(corpus.Test, options, "limit-test");
    }

    /// <summary>
    /// Tokenizes unlabeled texts exactly once (in parallel), builds a vocabulary over the first
    /// <paramref name="vocabularyTexts"/> of them, and encodes them all: the text side of <see cref="Prepare(LabeledDataset, PreparationOptions, CancellationToken)"/>, for
    /// pretraining (the labels of <see cref="EncodedReview"/> are 0).
    /// </summary>
    /// <param name="texts">The texts.</param>
    /// <param name="vocabularyTexts">How many leading texts the vocabulary counts (the rest, held-out text, are only encoded).</param>
    /// <param name="minFrequency">The vocabulary's minimum token frequency.</param>
    /// <param name="tokenizer">Tokenizer settings; null is spaCy's English defaults.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    public static (TokenVocabulary Vocabulary, EncodedReview[] Encoded) EncodeTexts(IReadOnlyList<string> texts, int vocabularyTexts, int minFrequency,
        TokenizerOptions? tokenizer = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentOutOfRangeException.ThrowIfNegative(vocabularyTexts);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(vocabularyTexts, texts.Count);
        ArgumentOutOfRangeException.ThrowIfLessThan(minFrequency, 1);
        var (provisional, tokens) = Intern([.. texts], tokenizer is null ? SpacyTokenizer.English : new SpacyTokenizer(tokenizer), cancellationToken);
        var vocabulary = BuildVocabulary(provisional.AsSpan(0, vocabularyTexts), tokens, minFrequency);
        return (vocabulary, Encode(provisional, tokens, vocabulary, _ => 0f, cancellationToken));
    }

    // Rewrites provisional ids into vocabulary ids in place.
    private static EncodedReview[] Encode(int[][] provisional, string[] tokens, TokenVocabulary vocabulary, Func<int, float> label,
        CancellationToken cancellationToken)
    {
        var remap = tokens.Select(vocabulary.IndexOf).ToArray();
        var encoded = new EncodedReview[provisional.Length];
        Parallel.For(0, provisional.Length, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            var ids = provisional[i];
            for (var t = 0; t < ids.Length; t++)
            {
                ids[t] = remap[ids[t]];
            }

            encoded[i] = new EncodedReview(ids, label(i));
        });
        return encoded;
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
    private static (int[][] Ids, string[] Tokens) Intern(string[] reviews, SpacyTokenizer tokenizer, CancellationToken cancellationToken)
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
                var text = reviews[i];
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
