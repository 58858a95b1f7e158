using System.ComponentModel;
using ImdbSentiment.Cli.Internal;
using ImdbSentiment.Data;
using ImdbSentiment.Datasets;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ImdbSentiment.Cli.Commands;

/// <summary>The options of the commands that read a new dataset: the IMDb corpus, or the user's own file.</summary>
internal abstract class DatasetSettings : CommonSettings
{
    [CommandOption("--data <PATH>")]
    [Description("The data: the IMDb archive or folder (default: IMDB_SENTIMENT_DATA, the cache, or a download), or your own labeled texts: a .csv, .tsv, .jsonl or .parquet file, or a folder with one subfolder per class (DIR/<label>/*.txt). See docs/data.md.")]
    public string? Data { get; init; }

    [CommandOption("--format <FORMAT>")]
    [Description("csv, tsv, jsonl, parquet or folder (default: from the file's extension).")]
    public string? Format { get; init; }

    [CommandOption("--text-column <NAME>")]
    [Description("The column (CSV/TSV header, JSON field, Parquet column) holding the text (default text).")]
    public string? TextColumn { get; init; }

    [CommandOption("--label-column <NAME>")]
    [Description("The column holding the label (default label). Labels are sorted (numerically when all are integers) and stored in the model.")]
    public string? LabelColumn { get; init; }

    [CommandOption("--validation <PATH>")]
    [Description("A validation file in the same format (default: a seeded, stratified 15% of --data).")]
    public string? Validation { get; init; }

    [CommandOption("--test <PATH>")]
    [Description("A test file in the same format (default: a seeded, stratified 15% of --data).")]
    public string? Test { get; init; }

    [CommandOption("--skip-bad-rows")]
    [Description("Count and skip bad rows (empty text or label, not UTF-8, too long, a label seen once) instead of stopping at the first.")]
    public bool SkipBadRows { get; init; }

    [CommandOption("--max-text-length <N>")]
    [Description("A text longer than N characters is a bad row (default 1,000,000).")]
    public int? MaxTextLength { get; init; }

    [CommandOption("--imdb-labels <LABELS>")]
    [Description("What a model learns from the IMDb corpus: sentiment (neg, pos; the default) or stars (the 8 star ratings in its file names, 1-4 and 7-10). The reviews and their split are the same.")]
    public string? ImdbLabels { get; init; }

    /// <summary>The data this command reads, before the path is resolved.</summary>
    public DataRequest ToDataRequest() => new(Data, Format is null ? null : ParseFormat(Format), TextColumn, LabelColumn, Validation, Test,
        SkipBadRows, MaxTextLength, ImdbLabels is null ? ImdbLabeling.Sentiment : ParseLabeling(ImdbLabels)!.Value);

    /// <summary>Checks the dataset options; null when they are fine.</summary>
    protected ValidationResult? ValidateDataset() => this switch
    {
        { Format: { } format } when ParseFormat(format) is null => ValidationResult.Error("--format must be csv, tsv, jsonl, parquet or folder"),
        { ImdbLabels: { } labels } when ParseLabeling(labels) is null => ValidationResult.Error("--imdb-labels must be sentiment or stars"),
        { MaxTextLength: < 1 } => ValidationResult.Error("--max-text-length must be ≥ 1"),
        { TextColumn: { } text } when string.IsNullOrWhiteSpace(text) => ValidationResult.Error("--text-column must name a column"),
        { LabelColumn: { } label } when string.IsNullOrWhiteSpace(label) => ValidationResult.Error("--label-column must name a column"),
        _ => null,
    };

    private static ImdbLabeling? ParseLabeling(string labels) => labels.ToLowerInvariant() switch
    {
        "sentiment" => ImdbLabeling.Sentiment,
        "stars" => ImdbLabeling.Stars,
        _ => null,
    };

    private static DatasetFormat? ParseFormat(string format) => format.ToLowerInvariant() switch
    {
        "csv" => DatasetFormat.Csv,
        "tsv" => DatasetFormat.Tsv,
        "jsonl" => DatasetFormat.Jsonl,
        "parquet" => DatasetFormat.Parquet,
        "folder" => DatasetFormat.Folder,
        _ => null,
    };
}
