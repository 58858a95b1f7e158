using ImdbSentiment.Models;
using ImdbSentiment.Tests.Fixtures;
using static TorchSharp.torch;

namespace ImdbSentiment.Tests.Models;

[Collection(TorchCollection.Name)]
public sealed class NgramFeaturesTests
{
    private const int Vocabulary = 10;
    private const int ManyBuckets = 1 << 24;

    [Fact]
    public void Unigrams_should_be_the_distinct_token_ids_in_ascending_order()
    {
        Assert.Equal([3, 5, 7], NgramFeatures.Of([7, 3, 5, 3, 7], 1, Vocabulary, ManyBuckets));
    }

    [Fact]
    public void Every_n_gram_up_to_the_order_should_be_a_feature_and_each_only_once()
    {
        // "3 5 3 5": unigrams {3, 5}; bigrams "3 5" (twice), "5 3"; trigrams "3 5 3", "5 3 5"
        var features = NgramFeatures.Of([3, 5, 3, 5], 3, Vocabulary, ManyBuckets);

        Assert.Equal([3, 5], features.Where(f => f < Vocabulary));
        Assert.Equal(4, features.Count(f => f >= Vocabulary));
        Assert.Equal(features.Distinct().Order(), features);
    }

    [Fact]
    public void A_review_shorter_than_the_order_should_have_only_the_n_grams_it_holds()
    {
        Assert.Equal([4], NgramFeatures.Of([4], 3, Vocabulary, ManyBuckets));
        Assert.Equal(3, NgramFeatures.Of([4, 6], 3, Vocabulary, ManyBuckets).Length);
        Assert.Empty(NgramFeatures.Of([], 3, Vocabulary, ManyBuckets));
    }

    [Fact]
    public void The_same_n_gram_should_have_the_same_feature_wherever_it_occurs_and_word_order_should_matter()
    {
        var first = Bigrams([7, 3, 5]);   // "7 3", "3 5"
        var second = Bigrams([3, 5, 9]);  // "3 5", "5 9"
        var reversed = Bigrams([5, 3]);   // "5 3"

        Assert.Single(first.Intersect(second));
        Assert.Empty(reversed.Intersect(first.Intersect(second)));

        static int[] Bigrams(long[] ids) => [.. NgramFeatures.Of(ids, 2, Vocabulary, ManyBuckets).Where(f => f >= Vocabulary)];
    }

    [Fact]
    public void The_hash_should_not_change_because_saved_models_depend_on_it()
    {
        // Buckets of "2 3" and "2 3 4" with a vocabulary of 10 and 1,000 buckets: a changed hash breaks every saved NBSVM.
        Assert.Equal([2, 3, 4, 10 + 51, 10 + 392, 10 + 543], NgramFeatures.Of([2, 3, 4], 3, Vocabulary, 1000).Order());
    }

    [Fact]
    public void Every_feature_should_lie_in_the_feature_space()
    {
        var random = new Random(5);
        var ids = Enumerable.Range(0, 2000).Select(_ => (long)random.Next(Vocabulary)).ToArray();

        var features = NgramFeatures.Of(ids, 3, Vocabulary, 13);

        Assert.All(features, f => Assert.InRange(f, 0, NgramFeatures.Count(Vocabulary, 13) - 1));
        Assert.Equal(Vocabulary + 13, features.Length);
    }

    [Fact]
    public void A_token_id_outside_the_vocabulary_should_be_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => NgramFeatures.Of([2, Vocabulary], 2, Vocabulary, ManyBuckets));
        Assert.Throws<ArgumentOutOfRangeException>(() => NgramFeatures.Of([-1], 2, Vocabulary, ManyBuckets));
    }

    [Fact]
    public void A_padded_batch_should_give_each_review_its_own_features_and_nothing_from_the_padding()
    {
        long[][] reviews = [[2, 3, 4, 5], [6, 7], [8]];
        // [T, B] with padding that is not the pad id, so only the lengths can keep it out
        var padded = new long[4, 3];
        for (var b = 0; b < 3; b++)
        {
            for (var t = 0; t < 4; t++)
            {
                padded[t, b] = t < reviews[b].Length ? reviews[b][t] : 9;
            }
        }

        using var tokens = tensor(padded);
        using var lengths = tensor(reviews.Select(r => (long)r.Length).ToArray());
        var (features, owners) = NgramFeatures.OfBatch(tokens, lengths, 3, Vocabulary, ManyBuckets);
        using (features)
        using (owners)
        {
            var byReview = features.data<long>().ToArray().Zip(owners.data<long>().ToArray()).ToLookup(p => p.Second, p => (int)p.First);
            for (var b = 0; b < 3; b++)
            {
                Assert.Equal(NgramFeatures.Of(reviews[b], 3, Vocabulary, ManyBuckets), byReview[b]);
            }
        }
    }
}
