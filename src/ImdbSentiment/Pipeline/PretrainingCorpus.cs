using ImdbSentiment.Batching;
using ImdbSentiment.Data;
using ImdbSentiment.Text;
using ImdbSentiment.Vocabulary;

namespace ImdbSentiment.Pipeline;

/// <summary>
/// The text a self-supervised objective may read: the training split's reviews and the unlabeled reviews, never a
/// test review's text. Unlabeled reviews whose text equals a test review's (compared without markup,
/// <see cref="HtmlMarkup.Strip"/>) are dropped; unlabeled reviews from the stripped copy get their line breaks back
/// (<see cref="HtmlMarkup.RestoreStrippedLineBreaks"/>), so that every text reads alike, paragraph tokens included, once line-break tags are read as
/// whitespace (<see cref="TokenizerOptions.NormalizeLineBreakTags"/>).
/// </summary>
/// <param name="Texts">The training split's texts, unchanged, then the kept unlabeled texts, in their order.</param>
/// <param name="TrainSplitReviews">How many texts came from the training split.</param>
/// <param name="UnlabeledReviews">How many unlabeled reviews were kept.</param>
/// <param name="DroppedTestDuplicates">How many unlabeled reviews were dropped for repeating a test review.</param>
public sealed record PretrainingCorpus(IReadOnlyList<string> Texts, int TrainSplitReviews, int UnlabeledReviews, int DroppedTestDuplicates)
{
    /// <summary>Builds the corpus.</summary>
    /// <param name="trainSplit">The labeled reviews a classifier will train on (their labels are not used).</param>
    /// <param name="unlabeled">The unlabeled reviews.</param>
    /// <param name="test">Every test review: none of their texts may be read.</param>
    public static PretrainingCorpus Build(IReadOnlyList<Review> trainSplit, IReadOnlyList<UnlabeledReview> unlabeled, IEnumerable<Review> test)
    {
        ArgumentNullException.ThrowIfNull(trainSplit);
        ArgumentNullException.ThrowIfNull(unlabeled);
        ArgumentNullException.ThrowIfNull(test);
        var testTexts = test.Select(r => HtmlMarkup.Strip(r.Text)).ToHashSet(StringComparer.Ordinal);
        var texts = new List<string>(trainSplit.Count + unlabeled.Count);
        texts.AddRange(trainSplit.Select(r => r.Text));
        var dropped = 0;
        foreach (var review in unlabeled)
        {
            if (testTexts.Contains(HtmlMarkup.Strip(review.Text)))
            {
                dropped++;
                continue;
            }

            texts.Add(HtmlMarkup.HasLineBreakTags(review.Text) ? review.Text : HtmlMarkup.RestoreStrippedLineBreaks(review.Text));
        }

        return new PretrainingCorpus(texts.AsReadOnly(), trainSplit.Count, unlabeled.Count - dropped, dropped);
    }

    /// <summary>
    /// Tokenizes the corpus with line-break tags read as whitespace, builds its vocabulary (the corpus's words only), and
    /// encodes it and some held-out texts, on which a language model's perplexity is measured.
    /// </summary>
    /// <param name="heldOut">Texts the language model does not train on (validation reviews).</param>
    /// <param name="minFrequency">The vocabulary's minimum token frequency.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    public (TokenVocabulary Vocabulary, IReadOnlyList<EncodedReview> Texts, IReadOnlyList<EncodedReview> HeldOut) Encode(
        IReadOnlyList<string> heldOut, int minFrequency, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(heldOut);
        var (vocabulary, encoded) = CorpusPreparation.EncodeTexts([.. Texts, .. heldOut], Texts.Count, minFrequency, Tokenizer, cancellationToken);
        return (vocabulary, encoded[..Texts.Count], encoded[Texts.Count..]);
    }

    /// <summary>How a pretraining corpus is tokenized: spaCy's rules, with line-break tags as whitespace (the unlabeled copy has none).</summary>
    public static TokenizerOptions Tokenizer { get; } = new(NormalizeLineBreakTags: true);
}
