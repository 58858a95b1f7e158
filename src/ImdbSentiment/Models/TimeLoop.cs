using static TorchSharp.torch;

namespace ImdbSentiment.Models;

/// <summary>How one direction of one recurrent layer walks time (<see cref="Recurrence"/>).</summary>
/// <param name="Cell">The recurrent cell.</param>
/// <param name="Recurrent"><c>W_hhᵀ</c>, <c>[H, G·H]</c>.</param>
/// <param name="RecurrentBias"><c>b_hh</c>.</param>
/// <param name="Masks">Per time, <c>[B, 1]</c>: true where the step is part of the review.</param>
/// <param name="Shortest">The shortest review's length: no mask is needed before it.</param>
/// <param name="Reverse">Whether the loop runs backwards in time.</param>
/// <param name="Steps">T, the padded length.</param>
internal readonly record struct TimeLoop(RecurrentCell Cell, Tensor Recurrent, Tensor RecurrentBias, Tensor[] Masks, int Shortest, bool Reverse, int Steps)
{
    /// <summary>The loop of a direction with these weights over <paramref name="steps"/> steps.</summary>
    public static TimeLoop For(RecurrentCell cell, DirectionWeights weights, Tensor[] masks, int shortest, bool reverse, int steps) =>
        new(cell, weights.WeightHh.t(), weights.BiasHh, masks, shortest, reverse, steps);
}
