using ImdbSentiment.Data;
using ImdbSentiment.Pipeline;
using Spectre.Console;

namespace ImdbSentiment.Cli.Internal;

/// <summary>Resolves, loads and prepares the corpus for a command, reporting progress on stderr.</summary>
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

    public static async Task<(string Source, PreparedCorpus Prepared)> PrepareAsync(string? explicitPath, PreparationOptions options,
        IAnsiConsole status, CancellationToken cancellationToken)
    {
        var (source, corpus) = await LoadAsync(explicitPath, status, cancellationToken).ConfigureAwait(false);
        var prepared = CorpusPreparation.Prepare(corpus, options, cancellationToken);
        status.MarkupLine(Markup.Escape(
            $"corpus: {source}: {prepared.Split.Train.Count:N0} train / {prepared.Split.Validation.Count:N0} validation / {prepared.Test.Count:N0} test reviews, " +
            $"vocabulary {prepared.Vocabulary.Count:N0}, tokenized in {prepared.Seconds:F1} s"));
        return (source, prepared);
    }
}
