using ImdbSentiment.Data;
using ImdbSentiment.Inference;
using ImdbSentiment.Persistence;

namespace ImdbSentiment.Cli.Serving;

/// <summary>One scored text as the API returns it.</summary>
internal sealed record PredictionResponse(string Text, double Probability, string Label)
{
    public static PredictionResponse From(Prediction prediction) =>
        new(prediction.Text, prediction.Probability, prediction.ClassName);
}

/// <summary>The answer to <c>{"texts": [...]}</c>.</summary>
internal sealed record BatchResponse(IReadOnlyList<PredictionResponse> Predictions);

/// <summary>Every error body.</summary>
internal sealed record ErrorResponse(string Error);

/// <summary>The answer of <c>GET /healthz</c>.</summary>
internal sealed record HealthResponse(string Status, ModelSummary Model);

/// <summary>What <c>/healthz</c> tells about the model (never its path on disk).</summary>
internal sealed record ModelSummary(string Preset, string Architecture, int VocabularySize, int BestEpoch, DateTimeOffset CreatedUtc)
{
    public static ModelSummary From(BundleManifest manifest) =>
        new(manifest.Preset, manifest.Model.Describe(), manifest.VocabularySize, manifest.BestEpoch, manifest.CreatedUtc);
}
