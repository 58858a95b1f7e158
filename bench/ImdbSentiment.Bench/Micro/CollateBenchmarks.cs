using BenchmarkDotNet.Attributes;
using ImdbSentiment.Batching;
using ImdbSentiment.Runtime;

namespace ImdbSentiment.Bench.Micro;

/// <summary><see cref="Batch.Collate"/> of 64 reviews of 184–230 tokens into int64 tensors (the training batch shape).</summary>
[MemoryDiagnoser]
public class CollateBenchmarks
{
    private const int BatchSize = 64;
    private const int Longest = 230;
    private EncodedReview[] _examples = [];
    private int[] _indices = [];

    [GlobalSetup]
    public void Setup()
    {
        NativeRuntime.SetThreads(1);
        var random = new Random(1234);
        _examples = [.. Enumerable.Range(0, BatchSize).Select(b =>
            new EncodedReview([.. Enumerable.Range(0, b == 0 ? Longest : random.Next(Longest * 4 / 5, Longest + 1)).Select(_ => random.Next(2, 19_000))], b % 2))];
        _indices = [.. Enumerable.Range(0, BatchSize)];
    }

    [Benchmark]
    public long Collate()
    {
        using var batch = Batch.Collate(_examples, _indices, 1);
        return batch.TokenCount;
    }
}
