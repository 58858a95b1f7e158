using TorchSharp;

namespace ImdbSentiment.Runtime;

/// <summary>
/// The only place that makes TorchSharp <see cref="Scalar"/>s. A Scalar owns a native <c>c10::Scalar</c> through a raw
/// pointer and frees it in its finalizer; a temporary one (an implicit conversion such as <c>masked_fill(mask, 0)</c>, or
/// one a TorchSharp overload makes itself, such as <c>add(Tensor)</c>) is unreachable as soon as its pointer has been
/// read, so a collection during the native call may free it while libtorch still reads it. The constants here live as
/// long as the process; <see cref="Owned"/> makes one that the caller keeps alive, and disposes, across the call.
/// A test reads our compiled code and fails on any other Scalar (docs/reliability.md, native object lifetimes).
/// </summary>
internal static class NativeScalars
{
    /// <summary>0 (an integer, so it fits every dtype).</summary>
    public static readonly Scalar Zero = 0L.ToScalar();

    /// <summary>1 (an integer, so it fits every dtype).</summary>
    public static readonly Scalar One = 1L.ToScalar();

    /// <summary>0.5.</summary>
    public static readonly Scalar Half = 0.5.ToScalar();

    /// <summary>−∞.</summary>
    public static readonly Scalar NegativeInfinity = double.NegativeInfinity.ToScalar();

    /// <summary>A Scalar for a value that changes from call to call; dispose it after the call that takes it (<c>using var</c>).</summary>
    /// <param name="value">The value.</param>
    public static Scalar Owned(double value) => value.ToScalar();
}
