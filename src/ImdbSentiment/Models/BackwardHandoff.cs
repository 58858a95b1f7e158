using static TorchSharp.torch;

namespace ImdbSentiment.Models;

/// <summary>
/// Gradients that a custom autograd function (<see cref="RecomputedRecurrence"/>, <see cref="LibTorchRecurrenceFunction"/>)
/// returned from its backward pass. TorchSharp reads their native handles only after backward returns, so they must
/// stay alive until then; a stack owns one handoff and releases it once the backward pass is over (its next forward
/// pass, or <see cref="MaskedRecurrentStack.ReleaseBackwardTensors"/>), so that a long batch's input gradient
/// (<c>[T, B, I]</c>) is not held any longer than that.
/// </summary>
/// <remarks>
/// An exception must not leave a backward function: libtorch calls it from native code, where it would end the process.
/// The functions record it here instead (<see cref="Fail"/>) and return zero gradients; <see cref="Release"/> then throws it.
/// </remarks>
internal sealed class BackwardHandoff
{
    private readonly List<Tensor> _returned = [];
    private readonly Lock _gate = new();
    private System.Runtime.ExceptionServices.ExceptionDispatchInfo? _failure;

    /// <summary>Keeps <paramref name="gradients"/> (taken out of any dispose scope) until <see cref="Release"/>.</summary>
    public void Keep(IEnumerable<Tensor> gradients)
    {
        lock (_gate)
        {
            _returned.AddRange(gradients.Select(g => g.DetachFromDisposeScope()));
        }
    }

    /// <summary>Records an exception thrown inside a backward function, for <see cref="Release"/> to throw.</summary>
    public void Fail(Exception exception)
    {
        lock (_gate)
        {
            _failure ??= System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(exception);
        }
    }

    /// <summary>
    /// Disposes what the last backward pass returned; call only once that pass has finished. Throws the exception a
    /// backward function recorded, if any (once).
    /// </summary>
    public void Release()
    {
        System.Runtime.ExceptionServices.ExceptionDispatchInfo? failure;
        lock (_gate)
        {
            _returned.ForEach(g => g.Dispose());
            _returned.Clear();
            (failure, _failure) = (_failure, null);
        }

        failure?.Throw();
    }

    /// <summary>Disposes what the backward functions returned so far in this pass, keeping any recorded failure.</summary>
    public void ReleaseReturned()
    {
        lock (_gate)
        {
            _returned.ForEach(g => g.Dispose());
            _returned.Clear();
        }
    }
}
