using System.Globalization;
using System.Text.Json;
using ImdbSentiment.Batching;
using ImdbSentiment.Interop;
using ImdbSentiment.Models;
using ImdbSentiment.Text;
using ImdbSentiment.Vocabulary;
using Microsoft.ML.OnnxRuntime;

namespace ImdbSentiment.Inference;

/// <summary>
/// Scores texts with a model exported by <see cref="OnnxExporter"/> (<c>model.onnx</c> and <c>model.vocab.json</c>
/// beside it) on ONNX Runtime: the tokenizer and vocabulary named in the model's metadata, then the graph. Never
/// touches libtorch, so a process that only predicts this way loads ONNX Runtime's native library alone. Gives what
/// <see cref="SentimentPredictor"/> gives for the same model: probabilities are computed from the graph's logits in
/// float64 the same way. Safe to share between threads (ONNX Runtime sessions are).
/// </summary>
public sealed class OnnxPredictor : ISentimentPredictor
{
    private static readonly string[] InputNames = ["tokens", "lengths"];
    private static readonly string[] OutputNames = ["logits"];
    private readonly InferenceSession _session;
    private readonly RunOptions _run = new();
    private readonly int _padIndex;
    private readonly double _temperature;

    private OnnxPredictor(InferenceSession session, ModelDescription model, TextEncoder encoder, int padIndex, double temperature)
    {
        _session = session;
        Model = model;
        Encoder = encoder;
        _padIndex = padIndex;
        _temperature = temperature;
    }

    /// <inheritdoc />
    public ModelDescription Model { get; }

    /// <summary>The text encoder (tokenizer and vocabulary) the model was trained with.</summary>
    public TextEncoder Encoder { get; }

    /// <summary>Loads an exported model and the vocabulary beside it.</summary>
    /// <param name="modelPath">The <c>.onnx</c> file <c>sentiment export --format onnx</c> wrote.</param>
    /// <param name="threads">ONNX Runtime's threads for one forward pass.</param>
    /// <exception cref="InteropException">The file is missing, is not an ONNX model, or was not exported by this toolkit; or its vocabulary is missing or does not fit.</exception>
    public static OnnxPredictor Load(string modelPath, int threads = 1)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelPath);
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        if (!File.Exists(modelPath))
        {
            throw InteropException.NotFound(modelPath, "ONNX model");
        }

        var vocabularyPath = OnnxExporter.VocabularyPath(modelPath);
        if (!File.Exists(vocabularyPath))
        {
            throw InteropException.NotFound(vocabularyPath, "vocabulary (sentiment export --format onnx writes it beside the model)");
        }

        using var options = new SessionOptions
        {
            IntraOpNumThreads = threads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        // Without ONNX Runtime's QDQ handling its constant folding turns int8 weights' DequantizeLinear into float
        // constants once, at load, instead of dequantizing them in every forward pass.
        options.AddSessionConfigEntry("session.disable_quant_qdq", "1");
        InferenceSession session;
        try
        {
            session = new InferenceSession(modelPath, options);
        }
        catch (OnnxRuntimeException ex)
        {
            throw InteropException.NotOnnx(modelPath, ex.Message, ex);
        }

        try
        {
            var metadata = session.ModelMetadata.CustomMetadataMap;
            string Required(string key) => metadata.TryGetValue(key, out var value) && value.Length > 0
                ? value
                : throw InteropException.NotOurOnnx(modelPath, key);

            var labels = JsonSerializer.Deserialize(Required("labels"), VocabularyJson.Default.StringArray) ?? [];
            var padIndex = int.Parse(Required("pad_index"), CultureInfo.InvariantCulture);
            var temperature = double.Parse(Required("temperature"), CultureInfo.InvariantCulture);
            var tokenizer = new TokenizerOptions(Required("normalize_line_break_tags") == "true");
            var vocabulary = TokenVocabulary.Load(vocabularyPath);
            if (metadata.TryGetValue("vocabulary_size", out var rows) && int.Parse(rows, CultureInfo.InvariantCulture) != vocabulary.Count)
            {
                throw InteropException.VocabularyMismatch(modelPath, vocabularyPath, long.Parse(rows, CultureInfo.InvariantCulture), vocabulary.Count);
            }

            int? bestEpoch = metadata.TryGetValue("best_epoch", out var epoch) ? int.Parse(epoch, CultureInfo.InvariantCulture) : null;
            DateTimeOffset? created = metadata.TryGetValue("created_utc", out var when) ? DateTimeOffset.Parse(when, CultureInfo.InvariantCulture) : null;
            var model = new ModelDescription(ModelDescription.OnnxRuntime, metadata.GetValueOrDefault("preset", "unknown"),
                metadata.GetValueOrDefault("architecture", "unknown"), vocabulary.Count, labels, bestEpoch, created);
            return new OnnxPredictor(session, model, new TextEncoder(new SpacyTokenizer(tokenizer), vocabulary), padIndex, temperature);
        }
        catch (Exception ex) when (ex is FormatException or JsonException or OverflowException)
        {
            session.Dispose();
            throw InteropException.NotOurOnnx(modelPath, ex.Message);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public Prediction Predict(string text) => PredictBatch([text])[0];

    /// <inheritdoc />
    public IEnumerable<Prediction> Predict(IEnumerable<string> texts, int batchSize = 64, int chunkSize = 512) =>
        PredictionSteps.Stream(this, texts, batchSize, chunkSize);

    /// <inheritdoc />
    public IReadOnlyList<Prediction> PredictBatch(IReadOnlyList<string> texts, int batchSize = 64)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var examples = PredictionSteps.Encode(Encoder, texts);
        var width = ModelOptions.OutputsFor(Model.Labels.Count);
        var logits = new float[examples.Length * width];
        foreach (var batch in BucketSampler.Sequential([.. examples.Select(e => e.Length)], batchSize))
        {
            Score(examples, batch, logits, width);
        }

        return PredictionSteps.Answer(texts, examples, new ClassLogits(logits, width), _temperature, Model.Labels);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _session.Dispose();
        _run.Dispose();
    }

    // One forward pass: the batch's ids [B, T], padded with the pad id, and their lengths.
    private void Score(EncodedReview[] examples, int[] batch, float[] logits, int width)
    {
        var steps = batch.Max(i => examples[i].Length);
        var tokens = new long[steps * batch.Length];
        Array.Fill(tokens, _padIndex);
        var lengths = new long[batch.Length];
        for (var b = 0; b < batch.Length; b++)
        {
            var ids = examples[batch[b]].TokenIds;
            lengths[b] = ids.Length;
            for (var t = 0; t < ids.Length; t++)
            {
                tokens[b * steps + t] = ids[t];
            }
        }

        using var tokenValue = OrtValue.CreateTensorValueFromMemory(tokens, [batch.Length, steps]);
        using var lengthValue = OrtValue.CreateTensorValueFromMemory(lengths, [batch.Length]);
        using var results = _session.Run(_run, InputNames, [tokenValue, lengthValue], OutputNames);
        var values = results[0].GetTensorDataAsSpan<float>();
        for (var b = 0; b < batch.Length; b++)
        {
            values.Slice(b * width, width).CopyTo(logits.AsSpan(batch[b] * width, width));
        }
    }
}
