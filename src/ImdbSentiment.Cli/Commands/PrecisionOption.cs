using ImdbSentiment.Models;

namespace ImdbSentiment.Cli.Commands;

/// <summary>The <c>--precision</c> option's spelling, shared by train, evaluate, predict and serve.</summary>
internal static class PrecisionOption
{
    public const string Template = "--precision <FORMAT>";

    public const string Invalid = "--precision must be fp32 or bf16";

    /// <summary>The format named by <paramref name="text"/>, or null if it names none.</summary>
    public static Precision? Parse(string? text) => PrecisionNames.Parse(text);
}
