using static TorchSharp.torch;

namespace ImdbSentiment.Models;

/// <summary>Which steps of a padded batch are part of a review.</summary>
internal static class StepMask
{
    /// <summary>Bool <c>[T, B, 1]</c>: true where step t is one of review b's real steps (t &lt; length).</summary>
    /// <param name="lengths">Each review's length.</param>
    /// <param name="steps">T, the padded length.</param>
    public static Tensor Of(ReadOnlySpan<long> lengths, long steps)
    {
        var batch = lengths.Length;
        var values = new bool[steps * batch];
        for (var t = 0L; t < steps; t++)
        {
            for (var b = 0; b < batch; b++)
            {
                values[(t * batch) + b] = t < lengths[b];
            }
        }

        return tensor(values, [steps, batch, 1]);
    }
}
