using System.Diagnostics;
using ImdbSentiment.Data;
using ImdbSentiment.Tests.Fixtures;
using Xunit.Abstractions;

namespace ImdbSentiment.Tests.Data;

/// <summary>Integration tests on the real archive named by IMDB_SENTIMENT_DATA; skipped without it.</summary>
public sealed class RealCorpusTests(ITestOutputHelper output)
{
    [SkippableFact]
    public void Should_load_12500_reviews_per_split_and_label_and_split_17500_7500()
    {
        // Given
        var path = RealCorpus.PathOrSkip();

        // When
        var stopwatch = Stopwatch.StartNew();
        var corpus = ImdbCorpus.Load(path);
        output.WriteLine($"loaded {path} in {stopwatch.ElapsedMilliseconds} ms");
        var split = DatasetSplit.Create(corpus.Train);

        // Then
        foreach (var reviews in new[] { corpus.Train, corpus.Test })
        {
            Assert.Equal(12_500, reviews.Count(review => review.Label == Sentiment.Negative));
            Assert.Equal(12_500, reviews.Count(review => review.Label == Sentiment.Positive));
        }

        Assert.All(corpus.Train, review => Assert.Equal(Split.Train, review.Split));
        Assert.All(corpus.Test, review => Assert.Equal(Split.Test, review.Split));
        Assert.All(corpus.Train.Concat(corpus.Test), review => Assert.InRange(review.Rating, review.Label == Sentiment.Positive ? 7 : 1, review.Label == Sentiment.Positive ? 10 : 4));
        Assert.Equal((17_500, 7_500), (split.Train.Count, split.Validation.Count));
        Assert.Equal(25_000, split.TrainBalance.Total + split.ValidationBalance.Total);
        output.WriteLine($"train balance {split.TrainBalance}, validation balance {split.ValidationBalance}");
    }

    [SkippableFact]
    public async Task Should_verify_the_archive_against_its_sha256_file()
    {
        var path = RealCorpus.PathOrSkip();
        Skip.IfNot(File.Exists(path + ArchiveVerifier.Sha256FileExtension), $"{path} has no .sha256 file");

        Assert.Equal(ArchiveVerification.Sha256File, await ArchiveVerifier.VerifyAsync(path));
    }
}
