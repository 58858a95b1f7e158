using ImdbSentiment.Data;
using ImdbSentiment.Datasets;
using ImdbSentiment.Pipeline;
using Spectre.Console;

namespace ImdbSentiment.Cli.Internal;

/// <summary>Resolves, loads and prepares the data for a command (the IMDb corpus or the user's own file), reporting progress on stderr.</summary>
internal static class CorpusLoader
{
    public static async Task<(string Source, ImdbCorpus Corpus)> LoadAsync(string? explicitPath, IAnsiConsole status, CancellationToken cancellationToken)
    {
        var lastReport = DateTime.MinValue;
        var progress = new Progress<DownloadProgress>(p =>
        {
            if (DateTime.UtcNow - lastReport < TimeSpan.FromSeconds(1) && p.BytesReceived != p.TotalBytes)
            {
                return;
            }

            lastReport = DateTime.UtcNow;
            var total = p.TotalBytes is { } t ? $" of {t / 1_048_576.0:F1} MB" : string.Empty;
            status.MarkupLine(Markup.Escape($"downloading the IMDb archive: {p.BytesReceived / 1_048_576.0:F1} MB{total}"));
        });
        var source = await CorpusLocator.ResolveAsync(explicitPath, progress, cancellationToken).ConfigureAwait(false);
        var corpus = ImdbCorpus.Load(source, cancellationToken);
        return (source, corpus);
    }

    /// <summary>A model's recorded corpus path if it still exists here, else null (then the usual search applies).</summary>
    public static string? ExistingOrNull(string? recordedSource) =>
        recordedSource is not null && (File.Exists(recordedSource) || Directory.Exists(recordedSource)) ? recordedSource : null;

    /// <summary>
    /// Prepares the data: the user's own file when the request names one (a dataset extension, a folder that is not
    /// the IMDb corpus, or <c>--format</c>), else the IMDb corpus with its tutorial split.
    /// </summary>
    /// <param name="loaded">The IMDb corpus when the caller has read it already (it is not read again).</param>
    public static async Task<LoadedData> PrepareAsync(DataRequest request, PreparationOptions options, IAnsiConsole status, CancellationToken cancellationToken,
        (string Source, ImdbCorpus Corpus)? loaded = null)
    {
        if (DatasetFormatOf(request) is { } format)
        {
            return request.Labeling == ImdbLabeling.Sentiment
                ? PrepareFile(request, format, options, status, cancellationToken)
                : throw new UsageException($"--imdb-labels applies to the IMDb corpus; {request.Path} is your own data, whose labels come from --label-column");
        }

        if (request.HasFileOptions)
        {
            throw new UsageException("--format, --text-column, --label-column, --validation, --test, --skip-bad-rows and --max-text-length apply to your own data file; --data names the IMDb corpus here");
        }

        var (source, corpus) = loaded ?? await LoadAsync(request.Path, status, cancellationToken).ConfigureAwait(false);
        var prepared = CorpusPreparation.Prepare(corpus, options with { Labeling = request.Labeling }, cancellationToken);
        status.MarkupLine(Markup.Escape(
            $"corpus: {source}: {prepared.Train.Count:N0} train / {prepared.Validation.Count:N0} validation / {prepared.EncodedTest.Count:N0} test reviews, " +
            (request.Labeling == ImdbLabeling.Stars ? $"star ratings {string.Join(", ", prepared.Dataset.Labels)}, " : string.Empty) +
            $"vocabulary {prepared.Vocabulary.Count:N0}, tokenized in {prepared.Seconds:F1} s"));
        return new LoadedData(source, prepared, null, corpus, request.Labeling);
    }

    private static LoadedData PrepareFile(DataRequest request, DatasetFormat format, PreparationOptions options, IAnsiConsole status, CancellationToken cancellationToken)
    {
        var path = Path.GetFullPath(request.Path!);
        var files = request.FileInfo(format);
        var skipped = new SkippedRows();
        var dataset = LabeledDataset.Load(files.Sources(path), files.ReadOptions(), files.SplitOptions(options.Seed, options.Limit), skipped, cancellationToken);
        if (skipped.Count > 0)
        {
            status.MarkupLine(Markup.Escape($"data: {skipped}; the first: {skipped.Examples[0]}"));
        }

        var prepared = CorpusPreparation.Prepare(dataset, options, cancellationToken);
        status.MarkupLine(Markup.Escape(
            $"data: {path}: {dataset.Train.Count:N0} train / {dataset.Validation.Count:N0} validation / {dataset.Test.Count:N0} test rows, " +
            $"labels {string.Join(", ", dataset.Labels)}, vocabulary {prepared.Vocabulary.Count:N0}, tokenized in {prepared.Seconds:F1} s"));
        return new LoadedData(path, prepared, files, null);
    }

    /// <summary>Whether the request names the user's own data file rather than the IMDb corpus.</summary>
    public static bool IsOwnData(DataRequest request) => DatasetFormatOf(request) is not null;

    // The IMDb corpus: no path, an archive, or a folder holding aclImdb/ or train/. An existing file with another
    // extension is read as an IMDb archive, as before datasets existed.
    private static DatasetFormat? DatasetFormatOf(DataRequest request)
    {
        if (request.Format is { } format)
        {
            if (request.Path is null)
            {
                throw new UsageException("--format: pass --data with the file or folder to read");
            }

            return format;
        }

        if (request.Path is not { } path)
        {
            return null;
        }

        if (Directory.Exists(path))
        {
            var isImdb = Directory.Exists(Path.Combine(path, "aclImdb")) || Directory.Exists(Path.Combine(path, "train"));
            return isImdb ? null : DatasetFormat.Folder;
        }

        return DatasetReader.FormatOfExtension(path) is null ? null : DatasetReader.FormatOf(path);
    }
}
