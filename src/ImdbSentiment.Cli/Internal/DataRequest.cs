using ImdbSentiment.Data;
using ImdbSentiment.Datasets;
using ImdbSentiment.Persistence;

namespace ImdbSentiment.Cli.Internal;

/// <summary>
/// The data a command asked for: a path (or none, for the IMDb corpus's usual search) and the options that apply
/// when it is the user's own file. <see cref="CorpusLoader"/> decides which it is.
/// </summary>
internal sealed record DataRequest(
    string? Path,
    DatasetFormat? Format = null,
    string? TextColumn = null,
    string? LabelColumn = null,
    string? Validation = null,
    string? Test = null,
    bool SkipBadRows = false,
    int? MaxTextLength = null,
    ImdbLabeling Labeling = ImdbLabeling.Sentiment)
{
    /// <summary>Whether any option that only applies to a dataset file was given.</summary>
    public bool HasFileOptions => (Format ?? TextColumn ?? LabelColumn ?? Validation ?? Test ?? (object?)MaxTextLength) is not null || SkipBadRows;

    /// <summary>The data a model was trained on, read again as it was then; <paramref name="path"/> (when given) replaces its training file.</summary>
    public static DataRequest Recorded(DataInfo? data, string? path)
    {
        return data?.Files is not { } files
            ? new DataRequest(path ?? CorpusLoader.ExistingOrNull(data?.Source), Labeling: data?.ImdbLabels ?? ImdbLabeling.Sentiment)
            : new DataRequest(path ?? data.Source, files.Format, files.TextColumn, files.LabelColumn, files.Validation, files.Test, files.SkipBadRows, files.MaxTextLength);
    }

    /// <summary>The file settings, with defaults for what was not given.</summary>
    public DatasetFileInfo FileInfo(DatasetFormat format)
    {
        var defaults = new DatasetReadOptions();
        var split = new DatasetSplitOptions();
        return new DatasetFileInfo(format, TextColumn ?? defaults.TextColumn, LabelColumn ?? defaults.LabelColumn,
            Validation is null ? null : System.IO.Path.GetFullPath(Validation), Test is null ? null : System.IO.Path.GetFullPath(Test),
            SkipBadRows, MaxTextLength ?? defaults.MaxTextLength, split.ValidationFraction, split.TestFraction);
    }
}
