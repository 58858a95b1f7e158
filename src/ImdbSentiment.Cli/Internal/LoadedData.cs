using ImdbSentiment.Data;
using ImdbSentiment.Persistence;
using ImdbSentiment.Pipeline;

namespace ImdbSentiment.Cli.Internal;

/// <summary>Prepared data and where it came from.</summary>
/// <param name="Source">The IMDb archive or folder, or the user's training file (full path).</param>
/// <param name="Prepared">The encoded parts.</param>
/// <param name="Files">How the user's file was read; null for the IMDb corpus.</param>
/// <param name="Corpus">The IMDb corpus itself; null for a user's file.</param>
/// <param name="Labeling">Which IMDb labels the reviews carry.</param>
internal sealed record LoadedData(string Source, PreparedCorpus Prepared, DatasetFileInfo? Files, ImdbCorpus? Corpus, ImdbLabeling Labeling = ImdbLabeling.Sentiment)
{
    public void Deconstruct(out string source, out PreparedCorpus prepared) => (source, prepared) = (Source, Prepared);

    /// <summary>What the model is trained on, for its manifest.</summary>
    public DataInfo Info(int? limit) => new(limit, Prepared.Train.Count, Prepared.Validation.Count, Source, Labels: Prepared.Dataset.Labels, Files: Files,
        ImdbLabels: Corpus is not null && Labeling != ImdbLabeling.Sentiment ? Labeling : null);
}
