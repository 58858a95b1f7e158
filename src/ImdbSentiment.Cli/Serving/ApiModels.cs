using ImdbSentiment.Inference;

namespace ImdbSentiment.Cli.Serving;

/// <summary>One scored text as the API returns it: <c>probability</c> as <see cref="Prediction.Probability"/>, and every class's.</summary>
internal sealed record PredictionResponse(string Text, double Probability, string Label, IReadOnlyDictionary<string, double> Probabilities)
{
    public static PredictionResponse From(Prediction prediction, IReadOnlyList<string> classNames) =>
        new(prediction.Text, prediction.Probability, prediction.ClassName, ClassProbabilities(prediction, classNames));

    /// <summary>Every class's probability by name, in class order.</summary>
    public static IReadOnlyDictionary<string, double> ClassProbabilities(Prediction prediction, IReadOnlyList<string> classNames)
    {
        var probabilities = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var c = 0; c < classNames.Count; c++)
        {
            probabilities[classNames[c]] = prediction.Probabilities[c];
        }

        return probabilities;
    }
}

/// <summary>The answer to <c>{"texts": [...]}</c>.</summary>
internal sealed record BatchResponse(IReadOnlyList<PredictionResponse> Predictions);

/// <summary>Every error body.</summary>
internal sealed record ErrorResponse(string Error);

/// <summary>The answer of <c>GET /readyz</c>: <c>ready</c> (200) or <c>draining</c> (503).</summary>
internal sealed record ReadinessResponse(string Status);

/// <summary>The answer of <c>GET /healthz</c>.</summary>
internal sealed record HealthResponse(string Status, ModelDescription Model);
