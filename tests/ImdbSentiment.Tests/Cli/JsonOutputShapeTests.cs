using System.Runtime.CompilerServices;
using ImdbSentiment.Tests.Fixtures;
using ImdbSentiment.Tests.Serving;

namespace ImdbSentiment.Tests.Cli;

/// <summary>
/// The shapes of the CLI's <c>--json</c> outputs (property names, order and value kinds; see <see cref="JsonShape"/>)
/// against approved copies in <c>Cli/JsonShapes/</c>, so that what scripts parse changes only on purpose.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class JsonOutputShapeTests(TinyModelFixture model) : IClassFixture<TinyModelFixture>
{
    [Theory]
    [InlineData("tokenize", "tokenize --json {text}")]
    [InlineData("info-preset", "info --preset seed-gru --vocab-size 18961 --json")]
    [InlineData("info-model", "info --model {model} --json")]
    [InlineData("predict", "predict --model {model} --json {text}")]
    [InlineData("predict", "predict --model {onnx} --json {text}")]
    public void Json_output_should_keep_its_approved_shape(string name, string commandLine)
    {
        var args = commandLine.Split(' ').Select(a => a.Replace("{model}", model.ModelPath, StringComparison.Ordinal)
            .Replace("{onnx}", model.OnnxPath, StringComparison.Ordinal).Replace("{text}", "w5 w7 w9", StringComparison.Ordinal)).ToArray();

        var result = CliProcess.Run(args);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Approval.Verify(JsonShape.Of(result.Stdout), ShapePath(name));
    }

    [SkippableFact]
    public void Data_json_should_keep_its_approved_shape()
    {
        var data = RealCorpus.PathOrSkip();

        var result = CliProcess.Run(["data", "--data", data, "--limit", "200", "--json"]);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Approval.Verify(JsonShape.Of(result.Stdout), ShapePath("data"));
    }

    private static string ShapePath(string name, [CallerFilePath] string path = "") =>
        Path.Combine(Path.GetDirectoryName(path)!, "JsonShapes", $"{name}.approved.txt");
}
