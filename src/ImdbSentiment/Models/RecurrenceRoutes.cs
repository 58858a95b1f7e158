namespace ImdbSentiment.Models;

/// <summary>
/// The optional ways a <see cref="MaskedRecurrentStack"/> may compute. Every route gives the plain masked loop's
/// results up to float rounding (tests compare each with a float64 reference); each can be switched off alone.
/// <see cref="Plain"/> switches them all off. The execution layer (<c>ImdbSentiment.Execution</c>) sets them.
/// </summary>
public sealed record RecurrenceRoutes
{
    /// <summary>Every route off: the masked loop, every activation kept, one direction after the other.</summary>
    public static RecurrenceRoutes Plain { get; } = new();

    /// <summary>
    /// GRU and tanh-RNN stacks run each direction of each layer with libtorch's own single-layer module, whose C++ time
    /// loop costs far less per step than ours, over the whole padded batch: forwards as it is, backwards on each review
    /// reversed within its own length (as packed sequences are), so padding never reaches a review's states; final
    /// states are read at each review's last step. In training it runs inside an autograd function whose gradients
    /// reach the stack's parameters; without autograd only on batches of at most <see cref="LibTorchInferencePositions"/>.
    /// The states at padded positions are then not the last real state repeated; consumers mask them anyway. Never
    /// LSTM: on AVX-512 CPUs libtorch runs <c>nn.LSTM</c> through oneDNN's RNN kernel, which gives wrong states for some
    /// hidden sizes (docs/reliability.md).
    /// </summary>
    public bool LibTorchModule { get; init; }

    /// <summary>
    /// Without autograd, <see cref="LibTorchModule"/> applies only when reviews × steps is at most this: on larger
    /// batches libtorch's inference loop is slower than the masked one (docs/benchmarks.md, routes).
    /// </summary>
    public int LibTorchInferencePositions
    {
        get;
        init => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "must be ≥ 0");
    } = int.MaxValue;

    /// <summary>
    /// Without autograd, each direction writes its states straight into the layer output this many steps at a time,
    /// instead of keeping every step's projection and state until the layer ends. Null keeps them.
    /// </summary>
    public int? InferenceSegment
    {
        get;
        init => field = value is null or >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "must be ≥ 1");
    }

    /// <summary>
    /// In training, keep the states only every this many steps and recompute each segment's activations during the
    /// backward pass (<see cref="RecomputedRecurrence"/>): the same gradients, with memory that grows with T·B·H
    /// instead of every step's gate activations, for a second forward pass. Null keeps every activation.
    /// </summary>
    public int? RecomputeSegment
    {
        get;
        init => field = value is null or >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "must be ≥ 1");
    }

    /// <summary>
    /// With <see cref="RecomputeSegment"/>, recompute only the batches whose recurrent activations would take more
    /// than this many megabytes (<see cref="MaskedRecurrentStack.KeptActivationBytes"/>). Null recomputes every batch.
    /// </summary>
    public int? RecomputeAboveMegabytes
    {
        get;
        init => field = value is null or >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "must be ≥ 0");
    }

    /// <summary>Without autograd, runs a bidirectional layer's two directions; null runs them one after the other.</summary>
    public IParallelRunner? Directions { get; init; }
}
