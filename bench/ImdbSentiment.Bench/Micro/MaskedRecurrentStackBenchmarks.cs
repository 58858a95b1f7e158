using BenchmarkDotNet.Attributes;
using ImdbSentiment.Models;
using ImdbSentiment.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace ImdbSentiment.Bench.Micro;

/// <summary>
/// One forward pass of <see cref="MaskedRecurrentStack"/> (bi-GRU, 2 layers) on small shapes, in inference mode on
/// one thread: mostly the per-step dispatch overhead of the masked loop.
/// </summary>
[MemoryDiagnoser]
public class MaskedRecurrentStackBenchmarks
{
    private const int Steps = 32;
    private const int BatchSize = 8;
    private const int Input = 16;
    private const int Hidden = 32;
    private MaskedRecurrentStack _stack = null!;
    private Tensor _input = null!;
    private Tensor _lengths = null!;

    [GlobalSetup]
    public void Setup()
    {
        NativeRuntime.SetThreads(1);
        torch.manual_seed(1234);
        _stack = new MaskedRecurrentStack(RecurrentCell.Gru, Input, Hidden, layers: 2, bidirectional: true, dropout: 0);
        _stack.eval();
        _input = randn(Steps, BatchSize, Input);
        _lengths = tensor(Enumerable.Range(0, BatchSize).Select(b => (long)(Steps - (b * 3))).ToArray());
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _stack.Dispose();
        _input.Dispose();
        _lengths.Dispose();
    }

    [Benchmark]
    public float Forward()
    {
        using var mode = inference_mode();
        using var scope = NewDisposeScope();
        var (_, hidden) = _stack.call(_input, _lengths);
        return hidden[0, 0, 0].item<float>();
    }
}
