using System.Text.Json;

namespace ImdbSentiment.Vocabulary;

/// <summary>
/// Maps token strings to ids, torchtext-style: <c>&lt;unk&gt;</c> = 0 and <c>&lt;PAD&gt;</c> = 1 first, then tokens whose
/// frequency is at least the minimum, by descending frequency with ties in ordinal string order. Unknown tokens map to 0.
/// </summary>
public sealed class TokenVocabulary
{
    /// <summary>The token that stands for every out-of-vocabulary token.</summary>
    public const string UnknownToken = "<unk>";

    /// <summary>The padding token.</summary>
    public const string PadToken = "<PAD>";

    /// <summary>The id of <see cref="UnknownToken"/>.</summary>
    public const int UnknownIndex = 0;

    /// <summary>The id of <see cref="PadToken"/>.</summary>
    public const int PadIndex = 1;

    private readonly string[] _itos;
    private readonly Dictionary<string, int> _stoi;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _spanLookup;

    private TokenVocabulary(string[] itos)
    {
        _itos = itos;
        _stoi = new Dictionary<string, int>(itos.Length, StringComparer.Ordinal);
        for (var i = 0; i < itos.Length; i++)
        {
            if (!_stoi.TryAdd(itos[i], i))
            {
                throw new ArgumentException($"token '{itos[i]}' appears twice", nameof(itos));
            }
        }

        _spanLookup = _stoi.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The number of entries, specials included.</summary>
    public int Count => _itos.Length;

    /// <summary>Id → token (torchtext's <c>itos</c>).</summary>
    public IReadOnlyList<string> Tokens => _itos;

    /// <summary>The id of <paramref name="token"/>, or <see cref="UnknownIndex"/>.</summary>
    /// <param name="token">A token text.</param>
    public int IndexOf(string token) => _stoi.TryGetValue(token, out var id) ? id : UnknownIndex;

    /// <summary>The id of the token text in <paramref name="token"/>, or <see cref="UnknownIndex"/>, without allocating.</summary>
    /// <param name="token">A token text.</param>
    public int IndexOf(ReadOnlySpan<char> token) => _spanLookup.TryGetValue(token, out var id) ? id : UnknownIndex;

    /// <summary>Builds a vocabulary from token frequencies.</summary>
    /// <param name="frequencies">Token → count, over the training split only.</param>
    /// <param name="minFrequency">Keep tokens seen at least this often (torchtext's <c>min_freq</c>); at least 1.</param>
    /// <param name="maxSize">Optional cap on non-special entries, applied after the frequency filter.</param>
    public static TokenVocabulary Build(IReadOnlyDictionary<string, int> frequencies, int minFrequency = 10, int? maxSize = null)
    {
        ArgumentNullException.ThrowIfNull(frequencies);
        ArgumentOutOfRangeException.ThrowIfLessThan(minFrequency, 1);
        if (maxSize is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxSize), "must be ≥ 0");
        }

        var kept = frequencies
            .Where(pair => pair.Value >= minFrequency && pair.Key != UnknownToken && pair.Key != PadToken)
            .OrderByDescending(pair => pair.Value)
            .ThenBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => pair.Key);
        if (maxSize is { } cap)
        {
            kept = kept.Take(cap);
        }

        return new TokenVocabulary([UnknownToken, PadToken, .. kept]);
    }

    /// <summary>Builds a vocabulary from an explicit id → token list (e.g. one imported from PyTorch).</summary>
    /// <param name="itos">Tokens in id order; must start with <c>&lt;unk&gt;</c>, <c>&lt;PAD&gt;</c> and hold no duplicates.</param>
    public static TokenVocabulary FromTokens(IReadOnlyList<string> itos)
    {
        ArgumentNullException.ThrowIfNull(itos);
        if (itos.Count < 2 || itos[UnknownIndex] != UnknownToken || itos[PadIndex] != PadToken)
        {
            throw new ArgumentException($"must start with {UnknownToken} and {PadToken}", nameof(itos));
        }

        return new TokenVocabulary([.. itos]);
    }

    /// <summary>The vocabulary as a UTF-8 JSON array of tokens in id order.</summary>
    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(_itos, VocabularyJson.Default.StringArray);

    /// <summary>Reads a vocabulary written by <see cref="ToJson"/>.</summary>
    /// <param name="json">The UTF-8 JSON.</param>
    /// <param name="source">A name for error messages, such as the file path.</param>
    public static TokenVocabulary FromJson(ReadOnlySpan<byte> json, string source)
    {
        string[]? itos;
        try
        {
            itos = JsonSerializer.Deserialize(json, VocabularyJson.Default.StringArray);
        }
        catch (JsonException ex)
        {
            throw VocabularyException.Invalid(source, "not a JSON array of strings", ex);
        }

        if (itos is null || itos.Any(token => token is null))
        {
            throw VocabularyException.Invalid(source, "null entries");
        }

        try
        {
            return FromTokens(itos);
        }
        catch (ArgumentException ex)
        {
            throw VocabularyException.Invalid(source, ex.Message.Split(" (Parameter", 2)[0], ex);
        }
    }

    /// <summary>Writes the vocabulary atomically as JSON.</summary>
    /// <param name="path">The file to write.</param>
    public void Save(string path)
    {
        var json = ToJson();
        AtomicFile.Write(path, stream => stream.Write(json));
    }

    /// <summary>Reads a vocabulary written by <see cref="Save"/>.</summary>
    /// <param name="path">The file to read.</param>
    public static TokenVocabulary Load(string path) => FromJson(File.ReadAllBytes(path), path);
}
