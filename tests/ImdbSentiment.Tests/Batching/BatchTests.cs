using ImdbSentiment.Batching;
using ImdbSentiment.Tests.Fixtures;
using static TorchSharp.torch;

namespace ImdbSentiment.Tests.Batching;

[Collection(TorchCollection.Name)]
public sealed class BatchTests
{
    [Fact]
    public void Collate_should_pad_time_major_with_the_pad_id()
    {
        EncodedReview[] examples = [new([4, 5, 6], 1), new([7], 0), new([], 1)];

        using var batch = Batch.Collate(examples, [1, 0, 2], padIndex: 1);

        Assert.Equal(new long[] { 3, 3 }, batch.Tokens.shape);
        Assert.Equal(ScalarType.Int64, batch.Tokens.dtype);
        Assert.Equal(ScalarType.Float32, batch.Labels.dtype);
        Assert.Equal(new long[] { 7, 4, 1, 1, 5, 1, 1, 6, 1 }, batch.Tokens.data<long>().ToArray());
        Assert.Equal(new long[] { 1, 3, 1 }, batch.Lengths.data<long>().ToArray());
        Assert.Equal(new float[] { 0, 1, 1 }, batch.Labels.data<float>().ToArray());
        Assert.Equal(4, batch.TokenCount);
        Assert.Equal(3, batch.Size);
    }

    [Fact]
    public void Collate_should_truncate_to_max_tokens()
    {
        using var batch = Batch.Collate([new([4, 5, 6, 7], 1)], [0], padIndex: 1, maxTokens: 2);

        Assert.Equal(new long[] { 4, 5 }, batch.Tokens.data<long>().ToArray());
        Assert.Equal(2, batch.Lengths.data<long>()[0]);
    }
}
