namespace ImdbSentiment.Models;

/// <summary>The number format a model computes in for inference.</summary>
public enum Precision
{
    /// <summary>32-bit floats, as trained.</summary>
    Float32,

    /// <summary>
    /// bfloat16 weights and activations: about twice as fast on CPUs with AVX-512 BF16, with logits within about 0.01
    /// of fp32 (measured in docs/benchmarks.md). Pooling and the returned logits stay in fp32.
    /// </summary>
    BFloat16,
}
