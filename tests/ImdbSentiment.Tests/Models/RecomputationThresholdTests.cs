using ImdbSentiment.Models;
using ImdbSentiment.Persistence;
using ImdbSentiment.Runtime;
using ImdbSentiment.Tests.Fixtures;
using TorchSharp;
using static TorchSharp.torch;

namespace ImdbSentiment.Tests.Models;

[Collection(TorchCollection.Name)]
public sealed class RecomputationThresholdTests
{
    [Theory]
    [InlineData(409, 2, false)] // bf16: 409 × 64 steps keep 511.3 MB
    [InlineData(410, 2, true)]  // 512.5 MB
    [InlineData(204, 4, false)] // fp32: half the steps for the same bytes
    [InlineData(205, 4, true)]
    public void A_seed_gru_batch_should_be_recomputed_only_when_its_activations_exceed_the_threshold(int steps, int elementSize, bool expected)
    {
        using var stack = SeedGruStack();
        stack.Routes = new RecurrenceRoutes { RecomputeSegment = 64, RecomputeAboveMegabytes = 512 };

        Assert.Equal(expected, stack.Recomputes(steps, 64, elementSize));
    }

    [Fact]
    public void Without_a_threshold_every_batch_and_without_a_segment_no_batch_should_be_recomputed()
    {
        using var stack = SeedGruStack();

        stack.Routes = new RecurrenceRoutes { RecomputeSegment = 64 };
        var everyBatch = (stack.Recomputes(1, 1, 2), stack.Recomputes(2000, 64, 4));
        stack.Routes = stack.Routes with { RecomputeAboveMegabytes = 0 };
        var zeroThreshold = stack.Recomputes(1, 1, 2);
        stack.Routes = stack.Routes with { RecomputeSegment = null };
        var noSegment = stack.Recomputes(2000, 64, 4);

        Assert.Equal((true, true), everyBatch);
        Assert.True(zeroThreshold);
        Assert.False(noSegment);
    }

    [Fact]
    public void A_negative_threshold_should_be_refused()
    {
        using var stack = SeedGruStack();

        Assert.Throws<ArgumentOutOfRangeException>(() => new RecurrenceRoutes { RecomputeAboveMegabytes = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new TrainingOptions(RecomputeSegment: 64, RecomputeAboveMegabytes: -1).Validate());
    }

    [SkippableTheory]
    [InlineData(RecurrentCell.Gru)]
    [InlineData(RecurrentCell.Lstm)]
    [InlineData(RecurrentCell.Rnn)]
    public void The_estimate_should_be_within_a_third_of_what_a_training_forward_pass_keeps(RecurrentCell cell)
    {
        Skip.If(NativeHeap.InUseBytes() is null, "glibc only: nothing to measure against");

        torch.manual_seed(3);
        using var stack = new MaskedRecurrentStack(cell, 32, 128, 2, bidirectional: true, dropout: 0.5);
        stack.train();
        using var scope = NewDisposeScope();
        var input = randn(150, 32, 32).requires_grad_();
        var lengths = full(32, 150L, dtype: ScalarType.Int64);
        lengths[0] = 140;

        var before = NativeHeap.InUseBytes()!.Value;
        var (output, hidden) = stack.call(input, lengths);
        var kept = NativeHeap.InUseBytes()!.Value - before;

        var estimate = stack.KeptActivationBytes(150, 32, 4);
        Assert.InRange(kept / (double)estimate, 0.75, 1.33);
        GC.KeepAlive((output, hidden));
    }

    [Fact]
    public void The_options_should_say_which_batches_are_recomputed()
    {
        Assert.Equal("keeps every activation", new TrainingOptions().DescribeRecomputation());
        Assert.Equal("keeps every activation", new TrainingOptions(RecomputeAboveMegabytes: 512).DescribeRecomputation());
        Assert.Equal("recomputes 64-step segments of every batch", new TrainingOptions(RecomputeSegment: 64).DescribeRecomputation());
        Assert.Equal("recomputes 64-step segments of every batch", new TrainingOptions(RecomputeSegment: 64, RecomputeAboveMegabytes: 0).DescribeRecomputation());
        Assert.Equal("recomputes 64-step segments of batches above 512 MB of activations",
            new TrainingOptions(RecomputeSegment: 64, RecomputeAboveMegabytes: 512).DescribeRecomputation());
    }

    private static MaskedRecurrentStack SeedGruStack() => new(RecurrentCell.Gru, 100, 256, 2, bidirectional: true, dropout: 0.5);
}
