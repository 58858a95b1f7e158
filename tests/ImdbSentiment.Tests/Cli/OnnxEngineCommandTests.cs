using System.Text.Json;
using ImdbSentiment.Tests.Fixtures;
using ImdbSentiment.Tests.Serving;

namespace ImdbSentiment.Tests.Cli;

/// <summary><c>predict</c> on ONNX Runtime, as a real process: the same answers as on libtorch, chosen by the file.</summary>
[Collection(TorchCollection.Name)]
public sealed class OnnxEngineCommandTests(TinyModelFixture model) : IClassFixture<TinyModelFixture>
{
    [Fact]
    public void Predict_should_answer_the_same_on_both_engines_and_pick_ONNX_Runtime_for_an_onnx_file()
    {
        var texts = Enumerable.Range(0, 12).Select(TinyModelFixture.Review).Append("").ToArray();
        var input = string.Join('\n', texts.Select(t => JsonSerializer.Serialize(t))) + "\n";

        var libtorch = CliProcess.Run(["predict", "--model", model.ModelPath, "--jsonl", "--json"], input);
        var onnx = CliProcess.Run(["predict", "--model", model.OnnxPath, "--jsonl", "--json", "--timings"], input);

        Assert.Equal(0, libtorch.ExitCode);
        Assert.Equal(0, onnx.ExitCode);
        Assert.Matches(@"^predict: engine onnxruntime, model loaded in [0-9.]+ ms, texts read and scored in [0-9.]+ ms, [0-9]+ ms since the process started$", onnx.Stderr.Trim());
        var expected = Lines(libtorch.Stdout);
        var actual = Lines(onnx.Stdout);
        Assert.Equal(texts.Length, actual.Count);
        for (var i = 0; i < texts.Length; i++)
        {
            Assert.Equal(texts[i], actual[i].GetProperty("text").GetString());
            Assert.Equal(expected[i].GetProperty("label").GetString(), actual[i].GetProperty("label").GetString());
            Assert.Equal(expected[i].GetProperty("probability").GetDouble(), actual[i].GetProperty("probability").GetDouble(), 1e-5);
            Assert.Equal(expected[i].GetProperty("probabilities").GetProperty("pos").GetDouble(), actual[i].GetProperty("probabilities").GetProperty("pos").GetDouble(), 1e-5);
        }
    }

    private static List<JsonElement> Lines(string stdout) =>
        [.. stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement)];
}
