using System.Runtime.Intrinsics.X86;

namespace ImdbSentiment.Runtime;

/// <summary>What this CPU can do that changes which settings are fastest.</summary>
public static class CpuFeatures
{
    /// <summary>
    /// Whether the CPU has bfloat16 instructions (x86 AVX-512 BF16). There, bf16 training and inference run clearly
    /// faster than fp32 (docs/benchmarks.md, bf16); without them libtorch emulates bfloat16 and it is no faster.
    /// </summary>
    public static bool HasNativeBFloat16 { get; } = DetectAvx512BFloat16();

    // CPUID leaf 7, sub-leaf 1, EAX bit 5 is AVX512_BF16; Avx512F.IsSupported also says the OS saves AVX-512 state.
    private static bool DetectAvx512BFloat16() =>
        X86Base.IsSupported && Avx512F.IsSupported && X86Base.CpuId(0, 0).Eax >= 7 && (X86Base.CpuId(7, 1).Eax & (1 << 5)) != 0;
}
