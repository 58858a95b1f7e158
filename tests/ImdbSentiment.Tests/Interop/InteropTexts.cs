using ImdbSentiment.Vocabulary;

namespace ImdbSentiment.Tests.Interop;

/// <summary>100 deterministic texts over the synthetic vocabulary (with unknown words, punctuation and one empty text).</summary>
public static class InteropTexts
{
    public static IReadOnlyList<string> Create(int count = 100, ulong seed = 11)
    {
        var random = new DeterministicRandom(seed);
        string[] extras = ["film", "great", "!", ",", "w5.", "(w7)", "don't"];
        var texts = new List<string>(count) { string.Empty };
        while (texts.Count < count)
        {
            var length = 1 + random.NextInt(texts.Count % 10 == 0 ? 60 : 15);
            var words = new string[length];
            for (var i = 0; i < length; i++)
            {
                words[i] = random.NextInt(8) == 0 ? extras[random.NextInt(extras.Length)] : $"w{2 + random.NextInt(18)}";
            }

            texts.Add(string.Join(' ', words));
        }

        return texts;
    }

    /// <summary><paramref name="count"/> texts of 1 to 60 words from a real model's vocabulary (its 3,000 most frequent).</summary>
    public static string[] FromVocabulary(TokenVocabulary vocabulary, int count = 100, ulong seed = 5)
    {
        var random = new DeterministicRandom(seed);
        var words = vocabulary.Tokens;
        return [.. Enumerable.Range(0, count).Select(i => string.Join(' ', Enumerable.Range(0, 1 + random.NextInt(i % 10 == 0 ? 60 : 20)).Select(_ => words[2 + random.NextInt(3000)])))];
    }

    /// <summary>The token ids the predictor feeds the model (an empty text becomes one unknown token).</summary>
    public static int[][] Encode(TextEncoder encoder, IReadOnlyList<string> texts) =>
        [.. texts.Select(text => encoder.Encode(text) is { Length: > 0 } ids ? ids : [TokenVocabulary.UnknownIndex])];
}
