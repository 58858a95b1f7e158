using System.Text;
using System.Text.Json;
using ImdbSentiment.Datasets;
using ImdbSentiment.Persistence;
using ImdbSentiment.Tests.Fixtures;

namespace ImdbSentiment.Tests.Cli;

/// <summary><c>data</c>, <c>train</c>, <c>evaluate</c>, <c>predict</c> and <c>train --resume</c> on a user's own CSV file, as real processes.</summary>
[Collection(TorchCollection.Name)]
public sealed class OwnDataCommandTests : IDisposable
{
    private static readonly string[] Praise = ["delightful", "superb", "charming", "brilliant", "moving"];
    private static readonly string[] Complaints = ["tedious", "clumsy", "dreary", "shallow", "grating"];
    private static readonly string[] Filler = ["the", "plot", "cast", "music", "ending", "scenes", "was", "and", "very", "quite"];

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_csv_should_train_evaluate_and_predict_with_its_own_label_names()
    {
        // Given a CSV of "liked"/"disliked" texts with a bad row, and columns named as the user named them
        var data = WriteCsv(_temp.Combine("opinions.csv"), rows: 300);

        // When its summary is asked for
        var summary = CliProcess.Run(["data", "--data", data, "--text-column", "comment", "--label-column", "verdict", "--min-freq", "1", "--skip-bad-rows", "--json"]);

        // Then the labels, the stratified 70/15/15 split and the skipped row are reported
        Assert.True(summary.ExitCode == 0, summary.Stderr);
        using (var json = JsonDocument.Parse(summary.Stdout))
        {
            var root = json.RootElement;
            Assert.Equal(["disliked", "liked"], root.GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
            // 149 liked, 150 disliked: test takes round(15 %) of each (22 + 23), validation 15 % of the whole file from the rest (22 + 22).
            Assert.Equal((210, 44, 45), (root.GetProperty("train").GetInt32(), root.GetProperty("validation").GetInt32(), root.GetProperty("test").GetInt32()));
        }

        Assert.Contains("data: 1 row skipped (1 EmptyText); the first: opinions.csv row 151: the text is empty\n", summary.Stderr.ReplaceLineEndings("\n"), StringComparison.Ordinal);

        // When a model is trained on it without --skip-bad-rows, the bad row stops it with one line
        var strict = CliProcess.Run(["train", "--preset", "nbsvm", "--data", data, "--text-column", "comment", "--label-column", "verdict", "--out", _temp.Combine("strict")]);
        Assert.Equal(1, strict.ExitCode);
        Assert.Equal("sentiment: error: opinions.csv row 151: the text is empty; fix it, or pass --skip-bad-rows to count and skip such rows", strict.Stderr.Trim().Split('\n')[^1]);

        // And with it, the model trains, records the labels and how the file was read, and scores the test part
        var run = _temp.Combine("run");
        var train = CliProcess.Run(["train", "--preset", "nbsvm", "--data", data, "--text-column", "comment", "--label-column", "verdict",
            "--skip-bad-rows", "--min-freq", "1", "--threads", "1", "--out", run]);
        Assert.True(train.ExitCode == 0, train.Stderr);
        Assert.Matches(@"test: loss [\d.]+, accuracy (9\d|100)\.\d\d%", train.Stdout);
        var model = Path.Combine(run, "model.bundle");
        var manifest = ModelBundle.Load(model).Manifest;
        Assert.Equal(["disliked", "liked"], manifest.Data!.Labels);
        Assert.Equal(new DatasetFileInfo(DatasetFormat.Csv, "comment", "verdict", null, null, true, DatasetReadOptions.DefaultMaxTextLength, 0.15, 0.15), manifest.Data.Files);

        // And evaluate reads the same test rows again from what the model recorded
        var evaluate = CliProcess.Run(["evaluate", "--model", model, "--json"]);
        Assert.True(evaluate.ExitCode == 0, evaluate.Stderr);
        using (var json = JsonDocument.Parse(evaluate.Stdout))
        {
            Assert.Equal(45, json.RootElement.GetProperty("report").GetProperty("count").GetInt32());
        }

        // And predict answers with the data's label names
        var predict = CliProcess.Run(["predict", "--model", model, "--json", "the cast was superb and charming", "the plot was tedious and dreary"]);
        Assert.True(predict.ExitCode == 0, predict.Stderr);
        var labels = predict.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.GetProperty("label").GetString());
        Assert.Equal(["liked", "disliked"], labels);

        // And it joins no ensemble with a model of other labels (the shipped model's neg, pos)
        var shipped = Path.Combine(AppContext.BaseDirectory, "models", "sentiment.bundle");
        var ensemble = CliProcess.Run(["ensemble", "--member", model, "--member", shipped, "--out", _temp.Combine("ensemble.bundle")]);
        Assert.Equal(2, ensemble.ExitCode);
        Assert.EndsWith($"--member {shipped} was trained on the labels neg, pos, {model} on disliked, liked; ensemble members need the same labels", ensemble.Stderr.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public void Three_labels_should_train_a_softmax_model_that_reports_and_predicts_every_class()
    {
        // Given: a JSON Lines file of three labels, each marked by its own cue words
        var data = WriteThreeClassJsonl(_temp.Combine("three.jsonl"), rows: 300);

        // When a binary-only preset is asked for, it is refused with one line
        var nbsvm = CliProcess.Run(["train", "--preset", "nbsvm", "--data", data, "--out", _temp.Combine("nbsvm")]);
        Assert.Equal(2, nbsvm.ExitCode);
        Assert.EndsWith($"{data} has 3 labels (bad, fine, great); the nbsvm preset is a binary classifier: choose a recurrent preset (seed-rnn, seed-gru, best) for more classes",
            nbsvm.Stderr.Trim(), StringComparison.Ordinal);

        // When a recurrent model is trained on it
        var run = _temp.Combine("run");
        var train = CliProcess.Run(["train", "--preset", "seed-gru", "--data", data, "--min-freq", "1", "--epochs", "6", "--lr", "0.01", "--threads", "1", "--out", run]);

        // Then it learns the three classes and reports macro-F1
        Assert.True(train.ExitCode == 0, train.Stderr);
        Assert.Matches(@"test: loss [\d.]+, accuracy (8\d|9\d|100)\.\d\d%, macro-F1 0\.[789]\d+ \(45 reviews, 3 classes\)", train.Stdout);
        var model = Path.Combine(run, "model.bundle");
        var manifest = ModelBundle.Load(model).Manifest;
        Assert.Equal(3, manifest.Model.OutputDim);
        Assert.Equal(["bad", "fine", "great"], manifest.ClassNames());

        // And evaluate gives the 3 × 3 counts and plots the confusion matrix (no ROC curve: there is no single score)
        var plots = _temp.Combine("plots");
        var evaluate = CliProcess.Run(["evaluate", "--model", model, "--json", "--plots", plots]);
        Assert.True(evaluate.ExitCode == 0, evaluate.Stderr);
        using (var json = JsonDocument.Parse(evaluate.Stdout))
        {
            var counts = json.RootElement.GetProperty("report").GetProperty("classes").GetProperty("counts");
            Assert.Equal(3, counts.GetArrayLength());
            Assert.Equal(45, counts.EnumerateArray().Sum(row => row.EnumerateArray().Sum(c => c.GetInt64())));
        }

        Assert.True(File.Exists(Path.Combine(plots, "confusion.png")));
        Assert.False(File.Exists(Path.Combine(plots, "roc.png")));

        // And predict names the class and gives every class's probability
        var predict = CliProcess.Run(["predict", "--model", model, "--json", "the music was superb and stunning", "the plot was awful and boring"]);
        Assert.True(predict.ExitCode == 0, predict.Stderr);
        var lines = predict.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToArray();
        Assert.Equal(["great", "bad"], lines.Select(l => l.GetProperty("label").GetString()));
        foreach (var line in lines)
        {
            var probabilities = line.GetProperty("probabilities").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
            Assert.Equal(["bad", "fine", "great"], probabilities.Keys);
            Assert.Equal(1, probabilities.Values.Sum(), 6);
            Assert.Equal(probabilities.MaxBy(p => p.Value).Key, line.GetProperty("label").GetString());
            Assert.Equal(probabilities.Values.Max(), line.GetProperty("probability").GetDouble(), 12);
        }

        // And a binary model started from it keeps its embedding and recurrent layers but gets a new output layer
        var binary = WriteCsv(_temp.Combine("opinions.csv"), rows: 120);
        var tuned = CliProcess.Run(["train", "--preset", "seed-gru", "--from", model, "--data", binary, "--text-column", "comment", "--label-column", "verdict",
            "--skip-bad-rows", "--epochs", "1", "--threads", "1", "--out", _temp.Combine("tuned")]);
        Assert.True(tuned.ExitCode == 0, tuned.Stderr);
        Assert.Contains("fresh: fc.weight, fc.bias (a new output layer: its labels bad, fine, great, these disliked, liked)", tuned.Stderr, StringComparison.Ordinal);
    }

    private static string WriteThreeClassJsonl(string path, int rows)
    {
        string[][] cues = [["awful", "dreadful", "boring"], ["decent", "okay", "passable"], ["superb", "brilliant", "stunning"]];
        string[] labels = ["bad", "fine", "great"];
        var random = new Random(3);
        File.WriteAllLines(path, Enumerable.Range(0, rows).Select(i =>
        {
            var words = Enumerable.Range(0, 10).Select(_ => Filler[random.Next(Filler.Length)]).ToList();
            words.Insert(random.Next(words.Count), cues[i % 3][random.Next(3)]);
            return JsonSerializer.Serialize(new { text = string.Join(' ', words), label = labels[i % 3] });
        }));
        return path;
    }

    private static string WriteCsv(string path, int rows)
    {
        var random = new Random(5);
        var builder = new StringBuilder("id,comment,verdict\n");
        for (var i = 0; i < rows; i++)
        {
            var liked = i % 2 == 0;
            var words = Enumerable.Range(0, 12).Select(_ => Filler[random.Next(Filler.Length)]).ToList();
            var cues = liked ? Praise : Complaints;
            words.Insert(random.Next(words.Count), cues[random.Next(cues.Length)]);
            words.Insert(random.Next(words.Count), cues[random.Next(cues.Length)]);
            var text = i == 150 ? " " : string.Join(' ', words);
            builder.Append(i).Append(",\"").Append(text).Append("\",").Append(liked ? "liked" : "disliked").Append('\n');
        }

        File.WriteAllText(path, builder.ToString());
        return path;
    }
}
