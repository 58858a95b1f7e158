using ImdbSentiment.Text;

namespace ImdbSentiment.Vocabulary;

/// <summary>Turns text into vocabulary ids: the tokenizer, then the vocabulary. Thread-safe.</summary>
public sealed class TextEncoder
{
    private readonly ThreadLocal<List<Token>> _tokens = new(() => new List<Token>(512));

    /// <summary>Creates an encoder.</summary>
    /// <param name="tokenizer">The tokenizer the vocabulary was built with.</param>
    /// <param name="vocabulary">The vocabulary.</param>
    public TextEncoder(SpacyTokenizer tokenizer, TokenVocabulary vocabulary)
    {
        Tokenizer = tokenizer ?? throw new ArgumentNullException(nameof(tokenizer));
        Vocabulary = vocabulary ?? throw new ArgumentNullException(nameof(vocabulary));
    }

    /// <summary>The tokenizer.</summary>
    public SpacyTokenizer Tokenizer { get; }

    /// <summary>The vocabulary.</summary>
    public TokenVocabulary Vocabulary { get; }

    /// <summary>The ids of <paramref name="text"/>'s tokens (whitespace tokens included, as torchtext keeps them).</summary>
    /// <param name="text">Any text.</param>
    public int[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = _tokens.Value!;
        tokens.Clear();
        Tokenizer.Tokenize(text, tokens);
        var ids = new int[tokens.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = Vocabulary.IndexOf(text.AsSpan(tokens[i].Start, tokens[i].Length));
        }

        return ids;
    }

    /// <summary>
    /// The ids a model reads for <paramref name="text"/>: <see cref="Encode"/>'s, or one unknown token when the text
    /// has no tokens at all (the empty string), since a recurrent model needs at least one step.
    /// </summary>
    /// <param name="text">Any text.</param>
    public int[] EncodeForModel(string text) => Encode(text) is { Length: > 0 } ids ? ids : [TokenVocabulary.UnknownIndex];
}
