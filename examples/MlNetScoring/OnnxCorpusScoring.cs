using ImdbSentiment.Inference;
using ImdbSentiment.Vocabulary;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ImdbSentiment.Examples.MlNetScoring;

/// <summary>
/// Scores a corpus of texts with a model exported by <c>sentiment export --format onnx</c>, as an ML.NET pipeline:
/// the toolkit's tokenizer and the exported vocabulary turn each text into token ids (a <c>CustomMapping</c>), then
/// <c>ApplyOnnxModel</c> runs the graph, one text per row. ML.NET streams the data view, so the corpus never has to fit
/// in memory.
/// </summary>
public static class OnnxCorpusScoring
{
    /// <summary>Builds the pipeline for <paramref name="modelPath"/> and applies it to <paramref name="texts"/> (a column <c>Text</c>).</summary>
    public static IDataView Score(MLContext ml, string modelPath, IDataView texts)
    {
        // The toolkit reads the model's metadata (tokenizer options, labels) and the vocabulary beside it.
        using var exported = OnnxPredictor.Load(modelPath);
        var encoder = exported.Encoder;
        var pipeline = ml.Transforms.CustomMapping<TextRow, TokenRow>((row, tokens) => Encode(encoder, row, tokens), contractName: null)
            .Append(ml.Transforms.ApplyOnnxModel(outputColumnNames: ["probabilities"], inputColumnNames: ["tokens", "lengths"], modelFile: modelPath));
        return pipeline.Fit(texts).Transform(texts);
    }

    /// <summary>Reads one text per line of <paramref name="path"/>, scores every line and writes <c>probability\ttext</c> lines.</summary>
    public static int ScoreFile(string modelPath, string path, TextWriter output)
    {
        var ml = new MLContext(seed: 0);
        // A lazy enumerable: ML.NET pulls the lines as it scores them.
        var texts = ml.Data.LoadFromEnumerable(File.ReadLines(path).Select(line => new TextRow { Text = line }));
        var count = 0;
        foreach (var row in ml.Data.CreateEnumerable<ScoredRow>(Score(ml, modelPath, texts), reuseRowObject: true))
        {
            output.WriteLine(FormattableString.Invariant($"{row.Probabilities[0]:F4}\t{row.Text}"));
            count++;
        }

        return count;
    }

    private static void Encode(TextEncoder encoder, TextRow row, TokenRow tokens)
    {
        tokens.Tokens = Array.ConvertAll(encoder.EncodeForModel(row.Text ?? string.Empty), id => (long)id);
        tokens.Lengths = [tokens.Tokens.Length];
    }

    /// <summary>One input text.</summary>
    public sealed class TextRow
    {
        public string? Text { get; set; }
    }

    /// <summary>The ids the graph reads.</summary>
    public sealed class TokenRow
    {
        [ColumnName("tokens")]
        [VectorType]
        public long[] Tokens { get; set; } = [];

        [ColumnName("lengths")]
        [VectorType(1)]
        public long[] Lengths { get; set; } = [];
    }

    /// <summary>A text and what the graph made of it: the positive class's probability for a binary model, every class's otherwise.</summary>
    public sealed class ScoredRow
    {
        public string? Text { get; set; }

        [ColumnName("probabilities")]
        public float[] Probabilities { get; set; } = [];
    }
}
