using ImdbSentiment.Examples.MlNetScoring;
using ImdbSentiment.Tests.Fixtures;
using ImdbSentiment.Tests.Serving;

namespace ImdbSentiment.Tests.Interop;

/// <summary>The worked example of docs/deploy.md: an ML.NET pipeline scores a file of texts with the exported model.</summary>
[Collection(TorchCollection.Name)]
public sealed class MlNetScoringTests(TinyModelFixture model) : IClassFixture<TinyModelFixture>, IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void ML_NET_should_score_every_line_in_order_as_the_toolkit_does()
    {
        // Given a file of texts, one blank
        var texts = Enumerable.Range(0, 60).Select(TinyModelFixture.Review).Append("").Append("zzz w5").ToArray();
        var path = _folder.Combine("texts.txt");
        File.WriteAllLines(path, texts);
        var expected = model.Predictor.PredictBatch(texts);

        // When ML.NET scores it through the ONNX export
        using var output = new StringWriter();
        var count = OnnxCorpusScoring.ScoreFile(model.OnnxPath, path, output);

        // Then
        Assert.Equal(texts.Length, count);
        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(texts.Length, lines.Length);
        for (var i = 0; i < texts.Length; i++)
        {
            var fields = lines[i].Split('\t', 2);
            Assert.Equal(texts[i], fields[1]);
            Assert.Equal(expected[i].Probability, double.Parse(fields[0], System.Globalization.CultureInfo.InvariantCulture), 1e-4);
        }

        Assert.Contains(expected, p => p.Probability > 0.8);
        Assert.Contains(expected, p => p.Probability < 0.2);
    }
}
