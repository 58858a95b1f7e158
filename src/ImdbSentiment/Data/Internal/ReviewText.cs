using System.Text;

namespace ImdbSentiment.Data.Internal;

/// <summary>A review file's bytes as text: strict UTF-8, a byte order mark dropped, a zero-byte file empty.</summary>
internal static class ReviewText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <exception cref="CorpusException">The bytes are not UTF-8 (names <paramref name="source"/> and <paramref name="entry"/>).</exception>
    public static string Decode(ReadOnlySpan<byte> content, string source, string entry)
    {
        if (content.StartsWith("\uFEFF"u8))
        {
            content = content[3..];
        }

        try
        {
            return StrictUtf8.GetString(content);
        }
        catch (DecoderFallbackException e)
        {
            throw CorpusException.NotUtf8(source, entry, e);
        }
    }
}
