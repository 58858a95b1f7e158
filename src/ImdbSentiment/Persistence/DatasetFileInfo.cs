using ImdbSentiment.Datasets;

namespace ImdbSentiment.Persistence;

/// <summary>
/// How a model's data was read from the user's own files (<see cref="DataInfo.Source"/> is the training file), so
/// that resuming, evaluating and calibrating read exactly the same rows and split.
/// </summary>
/// <param name="Format">The file layout.</param>
/// <param name="TextColumn">The text column.</param>
/// <param name="LabelColumn">The label column.</param>
/// <param name="Validation">The validation file, or null when validation rows were carved from the training file.</param>
/// <param name="Test">The test file, or null when test rows were carved from the training file.</param>
/// <param name="SkipBadRows">Whether bad rows were skipped.</param>
/// <param name="MaxTextLength">The text length limit.</param>
/// <param name="ValidationFraction">The carved validation share.</param>
/// <param name="TestFraction">The carved test share.</param>
public sealed record DatasetFileInfo(
    DatasetFormat Format,
    string TextColumn,
    string LabelColumn,
    string? Validation,
    string? Test,
    bool SkipBadRows,
    int MaxTextLength,
    double ValidationFraction,
    double TestFraction)
{
    /// <summary>The read options these settings stand for.</summary>
    public DatasetReadOptions ReadOptions() => new(TextColumn, LabelColumn, Format, MaxTextLength, SkipBadRows);

    /// <summary>The files, with <paramref name="train"/> as the training file.</summary>
    /// <param name="train">The training file.</param>
    public DatasetSources Sources(string train) => new(train, Validation, Test);

    /// <summary>The split options, with the run's seed and limit.</summary>
    /// <param name="seed">The run's seed.</param>
    /// <param name="limit">The run's row limit.</param>
    public DatasetSplitOptions SplitOptions(ulong seed, int? limit) => new(seed, ValidationFraction, TestFraction, limit);
}
