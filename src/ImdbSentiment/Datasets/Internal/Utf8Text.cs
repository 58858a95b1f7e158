using System.Text;

namespace ImdbSentiment.Datasets.Internal;

/// <summary>
/// Readers decode with replacement (so one bad byte cannot end a stream mid-row) and treat a replacement character
/// in a field as that row's encoding error: U+FFFD only appears where the file did not hold UTF-8.
/// </summary>
internal static class Utf8Text
{
    public static readonly Encoding Lenient = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    public static readonly Encoding Strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static bool HasReplacement(string? text) => text is not null && text.Contains('\uFFFD', StringComparison.Ordinal);

    public static StreamReader Open(string path) =>
        new(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan), Lenient, detectEncodingFromByteOrderMarks: false);
}
