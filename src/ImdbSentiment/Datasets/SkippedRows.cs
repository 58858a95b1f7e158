namespace ImdbSentiment.Datasets;

/// <summary>The bad rows skipped while reading with <see cref="DatasetReadOptions.SkipBadRows"/>: a count per kind and the first few messages.</summary>
public sealed class SkippedRows
{
    private const int KeptMessages = 5;
    private readonly Dictionary<DatasetErrorKind, int> _byKind = [];
    private readonly List<string> _examples = [];

    /// <summary>All rows skipped.</summary>
    public int Count { get; private set; }

    /// <summary>Rows skipped per kind of problem.</summary>
    public IReadOnlyDictionary<DatasetErrorKind, int> ByKind => _byKind;

    /// <summary>The messages of the first skipped rows (at most five), to show the user what was dropped, without the advice to skip them.</summary>
    public IReadOnlyList<string> Examples => _examples;

    /// <summary>Counts one skipped row.</summary>
    /// <param name="problem">Why it was skipped.</param>
    public void Add(DatasetException problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        Count++;
        _byKind[problem.Kind] = _byKind.GetValueOrDefault(problem.Kind) + 1;
        if (_examples.Count < KeptMessages)
        {
            _examples.Add(problem.Message.Replace(DatasetException.SkipHint, string.Empty, StringComparison.Ordinal));
        }
    }

    // The one bad-row policy: a row problem is counted when skipping, thrown otherwise; a file problem always throws.
    internal static void SkipOrThrow(DatasetException problem, DatasetReadOptions options, SkippedRows? skipped)
    {
        if (!options.SkipBadRows || !problem.IsRowError)
        {
            throw problem;
        }

        skipped?.Add(problem);
    }

    /// <summary>One line: <c>3 rows skipped (2 EmptyText, 1 TooLong)</c>.</summary>
    public override string ToString() =>
        Count == 0 ? "no rows skipped" : $"{Count:N0} {(Count == 1 ? "row" : "rows")} skipped ({string.Join(", ", _byKind.OrderBy(k => k.Key).Select(k => $"{k.Value:N0} {k.Key}"))})";
}
