using ImdbSentiment.Text.Internal;

namespace ImdbSentiment.Text;

/// <summary>
/// A reimplementation of spaCy v3's English tokenizer (<c>spacy.blank("en").tokenizer</c>, which is also the
/// tokenizer of <c>en_core_web_sm</c> 3.4–3.8 and of torchtext's <c>get_tokenizer('spacy')</c>), following the
/// specification described in docs/tokenizer.md. Tokens are offsets into the input, so concatenating every token's
/// text plus a space where <see cref="Token.SpaceAfter"/> is set gives back the input exactly. Instances are immutable
/// and thread-safe.
/// </summary>
public sealed class SpacyTokenizer
{
    /// <summary>The behaviour version stored in model bundles; bump it whenever the output can change.</summary>
    public const string Version = "spacy-en-3.8.1";

    private static readonly Lazy<SpecialCaseMerger> SharedMerger = new(() => new SpecialCaseMerger(ExceptionTable.English));

    private readonly ChunkTokenizer _chunks = new(ExceptionTable.English);
    private readonly SpecialCaseMerger _merger = SharedMerger.Value;

    // Working buffers are per thread, so concurrent calls (Parallel.For, an HTTP server) share nothing mutable.
    private readonly ThreadLocal<ChunkScratch> _scratch = new(() => new ChunkScratch());

    /// <summary>Creates a tokenizer.</summary>
    /// <param name="options">The options; see <see cref="TokenizerOptions"/>.</param>
    public SpacyTokenizer(TokenizerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
    }

    /// <summary>The shared tokenizer with default options (exact spaCy parity).</summary>
    public static SpacyTokenizer English { get; } = new(new TokenizerOptions());

    /// <summary>The options this tokenizer was created with.</summary>
    public TokenizerOptions Options { get; }

    internal SpecialCaseMerger Merger => _merger;

    /// <summary>Tokenizes <paramref name="text"/>.</summary>
    /// <param name="text">Any string, including empty ones, lone surrogates and control characters.</param>
    /// <returns>The tokens in text order, whitespace tokens included.</returns>
    public IReadOnlyList<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        Tokenize(text, tokens);
        return tokens;
    }

    /// <summary>Tokenizes <paramref name="text"/>, appending the tokens to <paramref name="output"/>.</summary>
    /// <param name="text">Any string.</param>
    /// <param name="output">Receives the tokens; existing entries are kept.</param>
    public void Tokenize(string text, List<Token> output)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(output);
        var scratch = _scratch.Value!;
        var flags = scratch.TokenFlags;
        flags.Clear();
        var docStart = output.Count;
        var pairs = false;
        var segmenter = new WhitespaceSegmenter(text, Options.NormalizeLineBreakTags);
        while (segmenter.Next(out var start, out var length, out var isWhitespace))
        {
            if (isWhitespace)
            {
                if (start > 0 && text[start] == ' ')
                {
                    // The run follows a chunk: its first space becomes that chunk's last token's trailing space.
                    output[^1] = output[^1] with { SpaceAfter = true };
                    start++;
                    length--;
                }

                if (length > 0)
                {
                    output.Add(new Token(start, length, false));
                    flags.Add(false);
                }

                continue;
            }

            pairs |= AddChunk(text, start, length, output, scratch);
        }

        if (pairs)
        {
            _merger.Apply(text, output, docStart, flags);
        }
    }

    /// <summary>The token texts, as spaCy's <c>[t.text for t in nlp.tokenizer(text)]</c>.</summary>
    /// <param name="text">Any string.</param>
    /// <returns>One string per token, whitespace tokens included.</returns>
    public string[] TokenizeToStrings(string text)
    {
        var tokens = new List<Token>();
        Tokenize(text, tokens);
        var result = new string[tokens.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = text.Substring(tokens[i].Start, tokens[i].Length);
        }

        return result;
    }

    /// <summary>Adds the tokens of one chunk; true if two adjacent tokens may both belong to a §4 pattern.</summary>
    private bool AddChunk(string text, int start, int length, List<Token> output, ChunkScratch scratch)
    {
        var chunk = text.AsSpan(start, length);
        var flags = scratch.TokenFlags;
        var pieces = scratch.Pieces;
        pieces.Clear();
        _chunks.Split(chunk, scratch);

        // A candidate pattern may start in the previous chunk, so the previous token's flag counts too.
        var previous = flags.Count > 0 && flags[^1];
        var pairs = false;
        var position = start;
        foreach (var pieceLength in pieces)
        {
            var flag = _merger.IsPatternToken(text.AsSpan(position, pieceLength));
            pairs |= previous && flag;
            previous = flag;
            output.Add(new Token(position, pieceLength, false));
            flags.Add(flag);
            position += pieceLength;
        }

        return pairs;
    }
}
