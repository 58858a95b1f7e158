namespace ImdbSentiment.Runtime;

/// <summary>TorchSharp's native libraries (libtorch and its shim) could not be loaded on this machine.</summary>
public sealed class NativeRuntimeException : ImdbSentimentException
{
    private NativeRuntimeException(string message, Exception? inner)
        : base(message, inner)
    {
    }

    internal static NativeRuntimeException MissingGlibcxx(string symbolVersion, Exception inner) => new(
        $"TorchSharp's native runtime needs libstdc++ with {symbolVersion} (GCC 13 or newer), which this system lacks; run scripts/setup.sh",
        inner);

    internal static NativeRuntimeException LoadFailed(string reason, Exception inner) => new(
        $"TorchSharp's native runtime (libtorch) could not be loaded: {reason}; run scripts/setup.sh",
        inner);
}
