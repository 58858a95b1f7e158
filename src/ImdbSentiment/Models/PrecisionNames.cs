namespace ImdbSentiment.Models;

/// <summary>The short names of <see cref="Precision"/> that the command line and the benchmarks accept.</summary>
public static class PrecisionNames
{
    /// <summary>The format named "fp32" or "bf16", or null if <paramref name="text"/> names neither.</summary>
    public static Precision? Parse(string? text) => text switch
    {
        "fp32" => Precision.Float32,
        "bf16" => Precision.BFloat16,
        _ => null,
    };
}
