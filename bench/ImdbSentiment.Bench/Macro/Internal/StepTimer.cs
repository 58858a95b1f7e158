using System.Diagnostics;
using ImdbSentiment.Batching;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ImdbSentiment.Bench.Macro.Internal;

/// <summary>Times training steps on one batch: the same sequence of calls as <c>Trainer.TrainEpoch</c>.</summary>
internal static class StepTimer
{
    /// <summary>
    /// One step as the trainer takes it, inside a dispose scope: zero_grad, model.call, BCE with logits, loss.item,
    /// backward, optional clipping, Adam step, and the accuracy count.
    /// </summary>
    public static float Step(nn.Module<Tensor, Tensor, Tensor> model, Adam optimizer, Batch batch, double? clip)
    {
        using var scope = NewDisposeScope();
        optimizer.zero_grad();
        var logits = model.call(batch.Tokens, batch.Lengths);
        var loss = nn.functional.binary_cross_entropy_with_logits(logits, batch.Labels);
        var value = loss.item<float>();
        loss.backward();
        if (clip is { } norm)
        {
            nn.utils.clip_grad_norm_(model.parameters(), norm);
        }

        optimizer.step();
        _ = logits.gt(0).eq(batch.Labels.gt(0.5)).sum().item<long>();
        return value;
    }

    /// <summary>Runs <paramref name="warmup"/> untimed then <paramref name="steps"/> timed calls; returns milliseconds per call.</summary>
    public static double[] Time(Action step, int warmup, int steps)
    {
        for (var i = 0; i < warmup; i++)
        {
            step();
        }

        var times = new double[steps];
        for (var i = 0; i < steps; i++)
        {
            var clock = Stopwatch.StartNew();
            step();
            times[i] = clock.Elapsed.TotalMilliseconds;
        }

        return times;
    }
}
