using static TorchSharp.torch;

namespace ImdbSentiment.Models;

/// <summary>
/// The binary n-gram features of a review: which uni- to n-grams of its token ids occur in it, each counted once.
/// A unigram's feature is its token id; a longer n-gram is hashed into one of <c>buckets</c> features that follow the
/// vocabulary's ids, so the feature space stays a fixed size however many n-grams the corpus holds.
/// </summary>
public static class NgramFeatures
{
    /// <summary>The longest n-gram order supported.</summary>
    public const int MaxOrder = 5;

    /// <summary>The size of the feature space: the vocabulary's ids, then the buckets.</summary>
    /// <param name="vocabularySize">The vocabulary's size.</param>
    /// <param name="buckets">The number of hashed buckets.</param>
    public static int Count(int vocabularySize, int buckets) => checked(vocabularySize + buckets);

    /// <summary>The distinct features of one review, in ascending order.</summary>
    /// <param name="tokenIds">The review's token ids.</param>
    /// <param name="order">The longest n-gram (1 = unigrams only).</param>
    /// <param name="vocabularySize">The vocabulary's size; token ids must be below it.</param>
    /// <param name="buckets">The number of hashed buckets for n-grams of two or more tokens.</param>
    public static int[] Of(ReadOnlySpan<long> tokenIds, int order, int vocabularySize, int buckets)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(order, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(order, MaxOrder);
        ArgumentOutOfRangeException.ThrowIfLessThan(buckets, 1);
        var length = tokenIds.Length;
        var features = new List<int>(length * order);
        for (var start = 0; start < length; start++)
        {
            var id = tokenIds[start];
            if ((ulong)id >= (ulong)vocabularySize)
            {
                throw new ArgumentOutOfRangeException(nameof(tokenIds), id, $"token id outside the vocabulary of {vocabularySize}");
            }

            features.Add((int)id);
            var hash = Mix(Seed ^ (ulong)id);
            for (var n = 2; n <= order && start + n <= length; n++)
            {
                // Each order folds the next token into the previous order's hash, so "a b" and "a b c" hash independently.
                hash = Mix(hash ^ ((ulong)tokenIds[start + n - 1] * Multiplier));
                features.Add(vocabularySize + (int)(hash % (ulong)buckets));
            }
        }

        features.Sort();
        var distinct = 0;
        for (var i = 0; i < features.Count; i++)
        {
            if (i == 0 || features[i] != features[i - 1])
            {
                features[distinct++] = features[i];
            }
        }

        return [.. features.GetRange(0, distinct)];
    }

    /// <summary>
    /// The features of every review in a padded batch, flattened: <c>Features</c> holds each review's distinct features
    /// in turn and <c>Reviews</c> the batch column each belongs to (both int64, the same length).
    /// </summary>
    /// <param name="tokens">Token ids, int64 <c>[T, B]</c>.</param>
    /// <param name="lengths">Each review's length, int64 <c>[B]</c>; the positions after it are padding.</param>
    /// <param name="order">The longest n-gram.</param>
    /// <param name="vocabularySize">The vocabulary's size.</param>
    /// <param name="buckets">The number of hashed buckets.</param>
    public static (Tensor Features, Tensor Reviews) OfBatch(Tensor tokens, Tensor lengths, int order, int vocabularySize, int buckets)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(lengths);
        var reviews = (int)tokens.shape[1];
        var steps = (int)tokens.shape[0];
        using var byReview = tokens.t().contiguous();
        var ids = byReview.data<long>().ToArray();
        var reviewLengths = lengths.data<long>().ToArray();
        var perReview = new int[reviews][];
        for (var b = 0; b < reviews; b++)
        {
            var length = reviewLengths[b];
            if (length < 0 || length > steps)
            {
                throw new ArgumentOutOfRangeException(nameof(lengths), length, $"a review's length must be within the batch's {steps} steps");
            }

            perReview[b] = Of(ids.AsSpan(b * steps, (int)length), order, vocabularySize, buckets);
        }

        var total = perReview.Sum(f => f.Length);
        var features = new long[total];
        var owners = new long[total];
        var at = 0;
        for (var b = 0; b < reviews; b++)
        {
            foreach (var feature in perReview[b])
            {
                features[at] = feature;
                owners[at++] = b;
            }
        }

        return (tensor(features), tensor(owners));
    }

    // MurmurHash3's 64-bit finaliser: every input bit affects every output bit, so nearby ids land in unrelated buckets.
    private static ulong Mix(ulong x)
    {
        x ^= x >> 33;
        x *= 0xff51afd7ed558ccdUL;
        x ^= x >> 33;
        x *= 0xc4ceb9fe1a85ec53UL;
        x ^= x >> 33;
        return x;
    }

    private const ulong Seed = 0x9e3779b97f4a7c15UL;

    private const ulong Multiplier = 0xbf58476d1ce4e5b9UL;
}
