using ImdbSentiment.Models;
using ImdbSentiment.Persistence;
using ImdbSentiment.Tests.Fixtures;

namespace ImdbSentiment.Tests.Cli;

/// <summary><c>pretrain</c>, then <c>train --from</c> its model, as real processes on a tiny archive that holds unlabeled reviews.</summary>
[Collection(TorchCollection.Name)]
public sealed class PretrainCommandTests : IDisposable
{
    // The unlabeled reviews must come from the archive under test, not from a real one the environment names.
    private static readonly Dictionary<string, string?> Isolated = new() { ["IMDB_SENTIMENT_UNSUP_DATA"] = string.Empty };

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Pretrain_should_read_the_train_split_and_the_unlabeled_reviews_and_start_a_classifier()
    {
        // Given the official layout: labeled reviews and train/unsup, one unsup review repeating a test review
        var archive = TinyImdbArchive.Write(_temp.Path, unlabeled: 40);
        var pretrained = _temp.Combine("pretrain");

        // When a language model is pretrained on it
        var pretrain = CliProcess.Run(["pretrain", "--data", archive, "--epochs", "2", "--min-freq", "2", "--threads", "1", "--held-out", "20", "--out", pretrained],
            environment: Isolated);

        // Then it read 84 train-split reviews and 39 unlabeled ones, reported held-out perplexity, and wrote a language model
        Assert.True(pretrain.ExitCode == 0, pretrain.Stderr);
        Assert.Contains("text: 84 train-split reviews", pretrain.Stderr, StringComparison.Ordinal);
        Assert.Contains("+ 39 unlabeled", pretrain.Stderr, StringComparison.Ordinal);
        Assert.Contains("1 dropped as copies of test reviews", pretrain.Stderr, StringComparison.Ordinal);
        Assert.Matches(@"epoch 2/2: train perplexity \d+\.\d \| held-out perplexity \d+\.\d", pretrain.Stderr);
        Assert.Matches(@"^held-out perplexity \d+\.\d \(epoch \d\), next word exact \d+\.\d\d%", pretrain.Stdout);
        var model = Path.Combine(pretrained, "model.bundle");
        var manifest = ModelBundle.Load(model).Manifest;
        Assert.Equal(ModelKind.LanguageModel, manifest.Model.Kind);
        Assert.True(manifest.Tokenizer.NormalizeLineBreakTags, "the pretraining text is read with line-break tags as whitespace");
        Assert.True(File.Exists(Path.Combine(pretrained, "metrics.csv")), "metrics.csv");

        // And a classifier starts from it, reading text as it was read
        var classifier = _temp.Combine("classifier");
        var train = CliProcess.Run(["train", "--preset", "best", "--from", model, "--epochs", "1", "--threads", "1", "--data", archive, "--out", classifier]);
        Assert.True(train.ExitCode == 0, train.Stderr);
        Assert.Contains("9 of 11 weight tensors copied; fresh: fc.weight, fc.bias", train.Stderr, StringComparison.Ordinal);
        Assert.True(ModelBundle.Load(Path.Combine(classifier, "model.bundle")).Manifest.Tokenizer.NormalizeLineBreakTags, "the classifier reads text as its start did");

        // And it joins an ensemble with an NBSVM that reads text the same way (--normalize-br), not with one that does not
        var nbsvm = _temp.Combine("nbsvm");
        var linear = CliProcess.Run(["train", "--preset", "nbsvm", "--normalize-br", "--epochs", "1", "--min-freq", "2", "--threads", "1", "--data", archive, "--out", nbsvm]);
        Assert.True(linear.ExitCode == 0, linear.Stderr);
        var ensemble = CliProcess.Run(["ensemble", "--member", Path.Combine(classifier, "model.bundle"), "--member", Path.Combine(nbsvm, "model.bundle"),
            "--data", archive, "--out", _temp.Combine("ensemble.bundle")]);
        Assert.True(ensemble.ExitCode == 0, ensemble.Stderr);

        // And a language model scores no sentiment: one line, exit 1
        string[][] scoring = [["predict", "--model", model, "good"], ["evaluate", "--model", model, "--data", archive], ["calibrate", "--model", model]];
        foreach (var command in scoring)
        {
            var refused = CliProcess.Run(command);
            Assert.Equal(1, refused.ExitCode);
            Assert.Equal($"sentiment: error: {model} holds a language model (from `sentiment pretrain`), which scores no sentiment; start a classifier from it with `sentiment train --from {model}`",
                refused.Stderr.TrimEnd());
        }

        // And its run resumes only as a pretraining run
        var resume = CliProcess.Run(["train", "--resume", pretrained]);
        Assert.Equal(2, resume.ExitCode);
        Assert.Contains($"this is a pretraining run; continue it with sentiment pretrain --resume {pretrained}", resume.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Pretrain_without_unlabeled_reviews_should_say_where_it_looked()
    {
        var archive = TinyImdbArchive.Write(_temp.Path);

        var result = CliProcess.Run(["pretrain", "--data", archive, "--out", _temp.Combine("run")], environment: Isolated);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("has no aclImdb/train/unsup/ folder of unlabeled reviews", result.Stderr, StringComparison.Ordinal);
        Assert.Single(result.Stderr.TrimEnd().Split('\n'));
        Assert.False(Directory.Exists(_temp.Combine("run")), "a run folder was left behind");
    }
}
