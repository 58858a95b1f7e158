using System.Text.Json;
using ImdbSentiment.Data;
using ImdbSentiment.Persistence;
using ImdbSentiment.Pipeline;
using ImdbSentiment.Tests.Fixtures;

namespace ImdbSentiment.Tests.Cli;

/// <summary>The eight-class star-rating task on a slice of the real archive (IMDB_SENTIMENT_DATA); skipped without it.</summary>
[Collection(TorchCollection.Name)]
public sealed class StarRatingCommandTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [SkippableFact]
    public void The_star_labels_should_be_the_ratings_in_the_file_names_on_the_tutorials_split()
    {
        var corpus = ImdbCorpus.Load(RealCorpus.PathOrSkip());
        var options = new PreparationOptions(Limit: 2_000);

        var stars = CorpusPreparation.Dataset(corpus, options with { Labeling = ImdbLabeling.Stars });
        var sentiment = CorpusPreparation.Dataset(corpus, options);

        Assert.Equal(["1", "2", "3", "4", "7", "8", "9", "10"], stars.Labels);
        // The same reviews in the same order; each label is the rating its location names, on the side of its sentiment.
        Assert.Equal(sentiment.Train.Select(r => r.Location), stars.Train.Select(r => r.Location));
        Assert.Equal(sentiment.Test.Select(r => r.Text), stars.Test.Select(r => r.Text));
        Assert.All(stars.Train.Concat(stars.Validation).Concat(stars.Test), row => Assert.EndsWith($"_{row.Label}.txt", row.Location, StringComparison.Ordinal));
        Assert.All(stars.Train.Zip(sentiment.Train), pair => Assert.Equal(pair.Second.Label == "pos", int.Parse(pair.First.Label, System.Globalization.CultureInfo.InvariantCulture) >= 7));
    }

    [SkippableFact]
    public void Training_on_star_ratings_should_record_them_so_evaluate_reads_the_same_task()
    {
        var archive = RealCorpus.PathOrSkip();
        var run = _temp.Combine("stars");

        var train = CliProcess.Run(["train", "--preset", "seed-rnn", "--data", archive, "--imdb-labels", "stars", "--limit", "400", "--epochs", "1", "--threads", "1", "--out", run]);

        Assert.True(train.ExitCode == 0, train.Stderr);
        Assert.Contains("star ratings 1, 2, 3, 4, 7, 8, 9, 10", train.Stderr, StringComparison.Ordinal);
        Assert.Contains("(400 reviews, 8 classes)", train.Stdout, StringComparison.Ordinal);
        var model = Path.Combine(run, "model.bundle");
        var manifest = ModelBundle.Load(model).Manifest;
        Assert.Equal((8, ImdbLabeling.Stars), (manifest.Model.OutputDim, manifest.Data!.ImdbLabels));
        Assert.Equal(CorpusPreparation.StarLabels, manifest.ClassNames());

        var evaluate = CliProcess.Run(["evaluate", "--model", model, "--json"]);
        Assert.True(evaluate.ExitCode == 0, evaluate.Stderr);
        using var json = JsonDocument.Parse(evaluate.Stdout);
        var counts = json.RootElement.GetProperty("report").GetProperty("classes").GetProperty("counts");
        Assert.Equal(8, counts.GetArrayLength());
        Assert.Equal(400, counts.EnumerateArray().Sum(row => row.EnumerateArray().Sum(c => c.GetInt64())));

        // Star labels belong to the IMDb corpus only
        var csv = _temp.Combine("own.csv");
        File.WriteAllText(csv, "text,label\na,x\nb,y\n");
        var own = CliProcess.Run(["data", "--data", csv, "--imdb-labels", "stars"]);
        Assert.Equal(2, own.ExitCode);
        Assert.EndsWith($"--imdb-labels applies to the IMDb corpus; {csv} is your own data, whose labels come from --label-column", own.Stderr.Trim(), StringComparison.Ordinal);
    }
}
