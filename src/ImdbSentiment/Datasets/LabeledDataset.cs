using System.Globalization;
using ImdbSentiment.Datasets.Internal;

namespace ImdbSentiment.Datasets;

/// <summary>
/// Labeled texts split three ways, with the class names: a class's index in <see cref="Labels"/> is its training
/// target. Labels are sorted: numerically when every label is an integer (<c>1, 2, 10</c>), else ordinally
/// (<c>neg, pos</c>), so the same data always gives the same targets.
/// </summary>
public sealed class LabeledDataset
{
    private readonly Dictionary<string, int> _index;

    /// <summary>Builds a dataset from parts already split; every label of every part must be in <paramref name="labels"/>.</summary>
    /// <param name="labels">The class names in target order; at least two, no repeats.</param>
    /// <param name="train">The rows to train on.</param>
    /// <param name="validation">The rows to select the model with.</param>
    /// <param name="test">The rows to report on.</param>
    public LabeledDataset(IReadOnlyList<string> labels, IReadOnlyList<LabeledText> train, IReadOnlyList<LabeledText> validation, IReadOnlyList<LabeledText> test)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(validation);
        ArgumentNullException.ThrowIfNull(test);
        ArgumentOutOfRangeException.ThrowIfLessThan(labels.Count, 2, nameof(labels));
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < labels.Count; i++)
        {
            if (!_index.TryAdd(labels[i], i))
            {
                throw new ArgumentException($"label \"{labels[i]}\" is listed twice", nameof(labels));
            }
        }

        foreach (var row in train.Concat(validation).Concat(test))
        {
            if (!_index.ContainsKey(row.Label))
            {
                throw new ArgumentException($"{row.Location}: label \"{row.Label}\" is not among the dataset's labels", nameof(labels));
            }
        }

        Labels = labels;
        Train = train;
        Validation = validation;
        Test = test;
    }

    /// <summary>The class names; a class's index is its training target.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>The rows to train on.</summary>
    public IReadOnlyList<LabeledText> Train { get; }

    /// <summary>The rows to select the model with.</summary>
    public IReadOnlyList<LabeledText> Validation { get; }

    /// <summary>The rows to report on.</summary>
    public IReadOnlyList<LabeledText> Test { get; }

    /// <summary>The training target of a label.</summary>
    /// <param name="label">A class name of this dataset.</param>
    public int IndexOf(string label) =>
        _index.TryGetValue(label, out var index) ? index : throw new ArgumentException($"label \"{label}\" is not among the dataset's labels", nameof(label));

    /// <summary>How many rows of each label a part holds, in label order.</summary>
    /// <param name="rows">A part of this dataset.</param>
    public int[] CountByLabel(IEnumerable<LabeledText> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var counts = new int[Labels.Count];
        foreach (var row in rows)
        {
            counts[IndexOf(row.Label)]++;
        }

        return counts;
    }

    /// <summary>
    /// Reads a dataset from files. Labels come from the training file. A label seen only once there is a bad row
    /// (too rare to learn), as is a validation or test row whose label the training file lacks. When no validation
    /// (or test) file is given, a seeded, stratified share of the training file becomes the validation (or test) part.
    /// </summary>
    /// <param name="sources">The training file and the optional validation and test files.</param>
    /// <param name="options">How to read the files (columns, format, length limit, bad-row policy).</param>
    /// <param name="split">Seed, fractions and limit.</param>
    /// <param name="skipped">Counts rows skipped under <see cref="DatasetReadOptions.SkipBadRows"/>; may be null.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="DatasetException">A file cannot be read, a row is bad (and not skipped), or the training data has fewer than two classes.</exception>
    public static LabeledDataset Load(DatasetSources sources, DatasetReadOptions options, DatasetSplitOptions split, SkippedRows? skipped = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(split);
        split.Validate();
        var rows = StratifiedSplit.Limit([.. DatasetReader.Read(sources.Train, options, skipped, cancellationToken)], split.Limit, split.Seed, "limit-train");
        rows = DropRareLabels(rows, options, skipped);
        var labels = Sorted(rows.Select(r => r.Label).Distinct(StringComparer.Ordinal));
        if (labels.Count < 2)
        {
            throw DatasetException.SingleClass(Path.GetFullPath(sources.Train), labels);
        }

        IReadOnlyList<LabeledText> test;
        if (sources.Test is { } testPath)
        {
            test = StratifiedSplit.Limit(Known(DatasetReader.Read(testPath, options, skipped, cancellationToken), labels, options, skipped), split.Limit, split.Seed, "limit-test");
        }
        else
        {
            (rows, test) = StratifiedSplit.Carve(rows, split.TestFraction, split.Seed, "split-test");
        }

        IReadOnlyList<LabeledText> validation;
        if (sources.Validation is { } validationPath)
        {
            validation = Known(DatasetReader.Read(validationPath, options, skipped, cancellationToken), labels, options, skipped);
        }
        else
        {
            // The share is of the whole file, so 15 % + 15 % leaves 70 % to train on.
            var share = sources.Test is null ? split.ValidationFraction / (1 - split.TestFraction) : split.ValidationFraction;
            (rows, validation) = StratifiedSplit.Carve(rows, share, split.Seed, "split-validation");
        }

        return new LabeledDataset(labels, rows, validation, test);
    }

    /// <summary>Class names in target order: numerically when all are integers, else ordinally.</summary>
    /// <param name="labels">Distinct class names.</param>
    public static IReadOnlyList<string> Sorted(IEnumerable<string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var all = labels.ToArray();
        return all.All(l => long.TryParse(l, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
            ? [.. all.OrderBy(l => long.Parse(l, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)).ThenBy(l => l, StringComparer.Ordinal)]
            : [.. all.Order(StringComparer.Ordinal)];
    }

    private static IReadOnlyList<LabeledText> DropRareLabels(IReadOnlyList<LabeledText> rows, DatasetReadOptions options, SkippedRows? skipped)
    {
        var counts = rows.CountBy(r => r.Label, StringComparer.Ordinal).ToDictionary(StringComparer.Ordinal);
        if (counts.Values.All(c => c > 1))
        {
            return rows;
        }

        var kept = new List<LabeledText>(rows.Count);
        foreach (var row in rows)
        {
            if (counts[row.Label] > 1)
            {
                kept.Add(row);
                continue;
            }

            SkippedRows.SkipOrThrow(DatasetException.RareLabel(row.Location, row.Label), options, skipped);
        }

        return kept;
    }

    private static LabeledText[] Known(IEnumerable<LabeledText> rows, IReadOnlyList<string> labels, DatasetReadOptions options, SkippedRows? skipped)
    {
        var known = labels.ToHashSet(StringComparer.Ordinal);
        var kept = new List<LabeledText>();
        foreach (var row in rows)
        {
            if (known.Contains(row.Label))
            {
                kept.Add(row);
                continue;
            }

            SkippedRows.SkipOrThrow(DatasetException.UnknownLabel(row.Location, row.Label, labels), options, skipped);
        }

        return [.. kept];
    }
}
