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

    /// <summary>The short name of <paramref name="precision"/>: "fp32" or "bf16".</summary>
    public static string Format(Precision precision) => precision switch
    {
        Precision.Float32 => "fp32",
        Precision.BFloat16 => "bf16",
        _ => throw new ArgumentOutOfRangeException(nameof(precision), precision, "must be Float32 or BFloat16"),
    };
}
