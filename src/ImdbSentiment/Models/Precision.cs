namespace ImdbSentiment.Models;

/// <summary>The number format a model computes in for inference.</summary>
public enum Precision
{
    /// <summary>32-bit floats, as trained.</summary>
    Float32,

    /// <summary>
    /// bfloat16 weights and activations: faster on CPUs with AVX-512 BF16, with test accuracy within a few hundredths
    /// of a point of fp32 (docs/benchmarks.md, bf16 inference). Pooling and the returned logits stay in fp32.
    /// </summary>
    BFloat16,
}
