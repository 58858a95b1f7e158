using System.Diagnostics;
using ImdbSentiment.Batching;
using ImdbSentiment.Execution;
using ImdbSentiment.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ImdbSentiment.Bench.Macro.Internal;

/// <summary>Times training steps on one batch with the trainer's own step.</summary>
internal static class StepTimer
{
    /// <summary>One step exactly as the trainer takes it (<see cref="TrainingStep.Take"/>), in fp32 or, with a replica, in bf16.</summary>
    public static float Step(nn.Module<Tensor, Tensor, Tensor> model, ImdbSentiment.Training.Adam optimizer, Batch batch, double? clip, BFloat16Replica? replica = null) =>
        TrainingStep.Take(model, replica, optimizer, batch, clip).Loss;

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
