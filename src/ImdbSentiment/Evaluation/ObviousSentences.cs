using System.Collections.Frozen;
using System.Text.RegularExpressions;
using ImdbSentiment.Data;

namespace ImdbSentiment.Evaluation;

/// <summary>
/// A short-text test built from long reviews: from each 1-star or 10-star review, the first sentence whose label a
/// reader can tell on its own (it names a verdict of the review's polarity, names none of the other, and has no
/// negation or contrast that could turn it). Scoring these shows whether a model trained on whole reviews also reads a
/// one-sentence review. The rule is lexical, so it favours no model's architecture but does favour sentences with
/// plain verdict words; it measures short texts, not hard ones.
/// </summary>
public static partial class ObviousSentences
{
    /// <summary>Fewest words a kept sentence has.</summary>
    public const int MinWords = 4;

    /// <summary>Most words a kept sentence has.</summary>
    public const int MaxWords = 30;

    private static readonly FrozenSet<string> PositiveVerdicts = FrozenSet.ToFrozenSet(
    [
        "excellent", "superb", "brilliant", "wonderful", "masterpiece", "outstanding", "amazing", "fantastic", "perfect",
        "beautiful", "loved", "love", "great", "best", "favorite", "favourite", "enjoyed", "recommend", "recommended",
        "magnificent", "terrific", "gem", "classic", "stunning", "hilarious", "must-see",
    ], StringComparer.Ordinal);

    private static readonly FrozenSet<string> NegativeVerdicts = FrozenSet.ToFrozenSet(
    [
        "worst", "awful", "terrible", "horrible", "boring", "waste", "wasted", "dreadful", "stupid", "garbage", "pathetic",
        "lame", "crap", "rubbish", "poorly", "mess", "disappointing", "disappointment", "unwatchable", "avoid", "bad",
        "worse", "dull", "pointless", "ridiculous", "atrocious", "laughable", "junk",
    ], StringComparer.Ordinal);

    // Words that can turn a verdict around ("not great", "hardly the worst", "good but boring").
    private static readonly FrozenSet<string> Turners = FrozenSet.ToFrozenSet(
    [
        "not", "no", "never", "nothing", "none", "nobody", "neither", "nor", "hardly", "barely", "without", "but",
        "although", "though", "however", "yet", "except", "if", "would", "could", "should", "expected", "supposed",
        "isn't", "wasn't", "aren't", "weren't", "don't", "doesn't", "didn't", "can't", "couldn't", "won't", "wouldn't",
        "shouldn't", "ain't", "isnt", "wasnt", "dont", "doesnt", "didnt", "cant", "cannot", "?",
    ], StringComparer.Ordinal);

    /// <summary>
    /// One sentence per qualifying review, in input order, as a review with the same id, split, label and rating and the
    /// sentence as its text. Only reviews rated 1 or 10 are read; sentences are split at <c>. ! ?</c> followed by
    /// whitespace and at line-break tags; a sentence qualifies with <see cref="MinWords"/>–<see cref="MaxWords"/>
    /// words, at least one verdict word of its review's label, none of the other label's, and no negation, contrast,
    /// condition or question.
    /// </summary>
    /// <param name="reviews">Labeled reviews, e.g. a validation split.</param>
    public static IReadOnlyList<Review> From(IEnumerable<Review> reviews)
    {
        ArgumentNullException.ThrowIfNull(reviews);
        var kept = new List<Review>();
        foreach (var review in reviews)
        {
            if (review.Rating is not (1 or 10))
            {
                continue;
            }

            var sentence = Sentences(review.Text).FirstOrDefault(s => IsObvious(s, review.Label));
            if (sentence is not null)
            {
                kept.Add(review with { Text = sentence });
            }
        }

        return kept.AsReadOnly();
    }

    /// <summary>The text's sentences, trimmed, split at sentence-ending punctuation before whitespace and at line-break tags.</summary>
    /// <param name="text">A review.</param>
    public static IEnumerable<string> Sentences(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var part in SentenceBreak().Split(text))
        {
            var sentence = part.Trim();
            if (sentence.Length > 0)
            {
                yield return sentence;
            }
        }
    }

    /// <summary>Whether <paramref name="sentence"/> states <paramref name="label"/> plainly, by the rule in <see cref="From"/>.</summary>
    /// <param name="sentence">One sentence.</param>
    /// <param name="label">The label it should state.</param>
    public static bool IsObvious(string sentence, Sentiment label)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        var words = Word().Matches(sentence.ToLowerInvariant()).Select(m => m.Value.Replace('’', '\'')).ToArray();
        if (words.Length is < MinWords or > MaxWords || words.Any(Turners.Contains))
        {
            return false;
        }

        var (own, other) = label == Sentiment.Positive ? (PositiveVerdicts, NegativeVerdicts) : (NegativeVerdicts, PositiveVerdicts);
        return words.Any(own.Contains) && !words.Any(other.Contains);
    }

    [GeneratedRegex(@"(?<=[.!?])\s+|<br\s*/?>", RegexOptions.IgnoreCase)]
    private static partial Regex SentenceBreak();

    // Words with inner apostrophes or hyphens, and the question mark as a word of its own.
    [GeneratedRegex(@"[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*|\?")]
    private static partial Regex Word();
}
