using ImdbSentiment.Examples.MlNetScoring;

// dotnet run --project examples/MlNetScoring -- MODEL.onnx TEXTS.txt   (one text per line; writes probability<TAB>text)
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: MlNetScoring MODEL.onnx TEXTS.txt");
    return 2;
}

try
{
    var scored = OnnxCorpusScoring.ScoreFile(args[0], args[1], Console.Out);
    Console.Error.WriteLine($"scored {scored:N0} texts");
    return 0;
}
catch (Exception ex) when (ex is ImdbSentiment.ImdbSentimentException or IOException)
{
    Console.Error.WriteLine($"MlNetScoring: error: {ex.Message}");
    return 1;
}
