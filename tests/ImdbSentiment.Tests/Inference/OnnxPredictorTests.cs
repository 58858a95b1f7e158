using Google.Protobuf;
using ImdbSentiment.Data;
using ImdbSentiment.Inference;
using ImdbSentiment.Interop;
using ImdbSentiment.Tests.Fixtures;
using ImdbSentiment.Tests.Serving;
using ImdbSentiment.Vocabulary;
using Onnx;

namespace ImdbSentiment.Tests.Inference;

/// <summary>
/// The ONNX Runtime engine answers as the libtorch engine does for the same model (its numbers against a float64
/// reference are in <c>OnnxExportTests</c>), and refuses files it cannot use with one clear error.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class OnnxPredictorTests(TinyModelFixture model) : IClassFixture<TinyModelFixture>, IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Should_give_every_field_of_the_libtorch_engines_predictions()
    {
        var texts = new[] { "", "   ", "\n\n", "zzz qqq", "w5", "w3 w6 w7 w9" }.Concat(Enumerable.Range(0, 100).Select(TinyModelFixture.Review)).ToArray();

        var expected = model.Predictor.PredictBatch(texts);
        var actual = model.Onnx.PredictBatch(texts, batchSize: 7);

        for (var i = 0; i < texts.Length; i++)
        {
            Assert.Equal(expected[i].Text, actual[i].Text);
            Assert.Equal(expected[i].Tokens, actual[i].Tokens);
            Assert.Equal(expected[i].Label, actual[i].Label);
            Assert.Equal(expected[i].ClassName, actual[i].ClassName);
            Assert.Equal(expected[i].ClassIndex, actual[i].ClassIndex);
            Assert.Equal(expected[i].Probability, actual[i].Probability, 1e-5);
            Assert.Equal(expected[i].Probabilities.Count, actual[i].Probabilities.Count);
        }

        Assert.Contains(actual, p => p.Label == Sentiment.Positive);
        Assert.Contains(actual, p => p.Label == Sentiment.Negative);
    }

    [Fact]
    public void Should_describe_the_model_as_its_bundle_does()
    {
        var bundle = model.Predictor.Model;

        var onnx = model.Onnx.Model;

        Assert.Equal(ModelDescription.OnnxRuntime, onnx.Engine);
        Assert.Equal(ModelDescription.LibTorch, bundle.Engine);
        Assert.Equal(bundle with { Engine = onnx.Engine, CreatedUtc = onnx.CreatedUtc, Labels = onnx.Labels }, onnx);
        Assert.Equal(bundle.Labels, onnx.Labels);
        Assert.Equal(bundle.CreatedUtc, onnx.CreatedUtc);
    }

    [Fact]
    public void Streaming_should_keep_input_order()
    {
        var texts = Enumerable.Range(0, 300).Select(i => string.Join(' ', Enumerable.Repeat(i % 3 == 0 ? "w5" : "w6", 1 + (i % 17)))).ToList();

        var streamed = model.Onnx.Predict(texts, batchSize: 16, chunkSize: 64).ToList();

        Assert.Equal(texts, streamed.Select(p => p.Text));
        Assert.All(streamed, (p, i) => Assert.Equal(i % 3 == 0 ? Sentiment.Positive : Sentiment.Negative, p.Label));
    }

    [Fact]
    public void A_missing_model_should_be_named()
    {
        var path = _folder.Combine("absent.onnx");

        var error = Assert.Throws<InteropException>(() => OnnxPredictor.Load(path));

        Assert.Equal($"{path}: no such ONNX model", error.Message);
    }

    [Fact]
    public void A_missing_vocabulary_should_be_named_with_where_it_comes_from()
    {
        var path = _folder.Combine("alone.onnx");
        File.Copy(model.OnnxPath, path);

        var error = Assert.Throws<InteropException>(() => OnnxPredictor.Load(path));

        Assert.StartsWith($"{_folder.Combine("alone.vocab.json")}: no such vocabulary", error.Message, StringComparison.Ordinal);
        Assert.Contains("export --format onnx", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_ONNX_should_be_refused_in_one_line()
    {
        var path = Copy("garbage.onnx");
        File.WriteAllText(path, "this is not a protobuf");

        var error = Assert.Throws<InteropException>(() => OnnxPredictor.Load(path));

        Assert.StartsWith($"{path}: not an ONNX model ONNX Runtime can load", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_ONNX_model_without_our_metadata_should_be_refused()
    {
        var path = Copy("foreign.onnx");
        var proto = ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
        proto.MetadataProps.Clear();
        File.WriteAllBytes(path, proto.ToByteArray());

        var error = Assert.Throws<InteropException>(() => OnnxPredictor.Load(path));

        Assert.Equal($"{path}: not a model exported by sentiment export --format onnx (metadata: labels); export the model bundle again", error.Message);
    }

    [Fact]
    public void A_vocabulary_of_another_size_should_be_refused()
    {
        var path = Copy("other-vocabulary.onnx");
        TokenVocabulary.FromTokens(["<unk>", "<PAD>", "w2"]).Save(OnnxExporter.VocabularyPath(path));

        var error = Assert.Throws<InteropException>(() => OnnxPredictor.Load(path));

        Assert.Contains("has 3 tokens", error.Message, StringComparison.Ordinal);
    }

    // The fixture's export (model and vocabulary) under another name.
    private string Copy(string name)
    {
        var path = _folder.Combine(name);
        File.Copy(model.OnnxPath, path);
        File.Copy(OnnxExporter.VocabularyPath(model.OnnxPath), OnnxExporter.VocabularyPath(path));
        return path;
    }
}
