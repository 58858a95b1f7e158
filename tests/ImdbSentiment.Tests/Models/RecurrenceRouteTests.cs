using ImdbSentiment.Execution;
using ImdbSentiment.Models;
using ImdbSentiment.Runtime;
using ImdbSentiment.Tests.Fixtures;
using TorchSharp;
using static TorchSharp.torch;

namespace ImdbSentiment.Tests.Models;

/// <summary>
/// Every way a recurrent stack can compute (<see cref="RouteCheck"/>: its routes in training and in inference, in fp32
/// and bf16, on one and two libtorch threads) against the plain masked loop in float64, for hidden sizes on both sides
/// of the pattern where oneDNN's AVX-512 LSTM kernel is wrong (H mod 32 in 1–16); and that float64 loop against plain
/// C# arithmetic, so that no route is checked only against another fast path.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class RecurrenceRouteTests
{
    private const int Steps = 7;
    private const int Batch = 3;
    private const int InputSize = 5;

    public static TheoryData<RecurrentCell, Precision, int> Cases()
    {
        var data = new TheoryData<RecurrentCell, Precision, int>();
        foreach (var cell in new[] { RecurrentCell.Gru, RecurrentCell.Lstm, RecurrentCell.Rnn })
        {
            foreach (var precision in new[] { Precision.Float32, Precision.BFloat16 })
            {
                foreach (var threads in new[] { 1, 2 })
                {
                    data.Add(cell, precision, threads);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_route_should_match_the_float64_reference(RecurrentCell cell, Precision precision, int threads)
    {
        var callerThreads = torch.get_num_threads();
        NativeRuntime.SetThreads(threads);
        try
        {
            var results = RouteCheck.Run(RouteCheck.Shapes([cell], [8, 24, 40, 64, 100, 256]), precision);

            var failures = results.Where(r => !r.Passed).ToList();
            Assert.Equal(6 * 8 * RouteCheck.Routes.Count, results.Select(r => (r.Shape, r.Route)).Distinct().Count());
            Assert.True(failures.Count == 0, $"{failures.Count} comparisons off the float64 reference:\n" + string.Join("\n", failures.Take(40)));
        }
        finally
        {
            NativeRuntime.SetThreads(callerThreads);
        }
    }

    [Fact]
    public void The_check_should_fail_a_route_that_is_off_by_a_little_or_that_throws()
    {
        // Given a stack whose weights move by 1e-3 after the reference is made (a thousand times less than the error of
        // oneDNN's LSTM kernel), and a route whose direction runner drops the backward direction
        var shape = new RecurrentShape(RecurrentCell.Gru, 8, 1, true, false);
        var drops = new RecurrenceRoutes { Directions = new FirstPieceOnly() };

        // When both are checked
        var nudged = RouteCheck.Run([shape], Precision.Float32, [("plain", false, RecurrenceRoutes.Plain)],
            stack => { using var _ = no_grad(); stack.parameters().First().add_(full_like(stack.parameters().First(), 1e-3), NativeScalars.One); });
        var dropped = RouteCheck.Run([shape], Precision.Float32, [("drops a direction", false, drops)], tamper: null);

        // Then the check fails both, and the untouched plain route passes
        Assert.Contains(nudged, r => !r.Passed);
        Assert.Contains(dropped, r => !r.Passed);
        Assert.All(RouteCheck.Run([shape], Precision.Float32, [("plain", false, RecurrenceRoutes.Plain)]), r => Assert.True(r.Passed, r.ToString()));
    }

    private sealed class FirstPieceOnly : IParallelRunner
    {
        public void Run(int count, Action<int> piece) => piece(0);
    }

    [Theory]
    [InlineData(RecurrentCell.Gru)]
    [InlineData(RecurrentCell.Lstm)]
    [InlineData(RecurrentCell.Rnn)]
    public void The_float64_reference_should_match_plain_CSharp_arithmetic(RecurrentCell cell)
    {
        foreach (var hidden in new[] { 8, 40, 100 })
        {
            foreach (var (layers, bidirectional) in new[] { (1, false), (2, true) })
            {
                // Given the plain masked loop in float64, and the same weights and padded inputs as C# arrays
                torch.manual_seed(23 + hidden);
                using var stack = new MaskedRecurrentStack(cell, InputSize, hidden, layers, bidirectional, dropout: 0);
                stack.to(ScalarType.Float64);
                stack.eval();
                using var input = randn(Steps, Batch, InputSize, dtype: ScalarType.Float64);
                int[] lengths = [Steps, 4, 6];
                var weights = stack.named_parameters().ToDictionary(p => p.name, p => (p.parameter.data<double>().ToArray(), p.parameter.shape));
                var values = input.data<double>().ToArray();
                var inputs = Enumerable.Range(0, Batch).Select(b => Enumerable.Range(0, Steps)
                    .Select(t => values.AsSpan(((t * Batch) + b) * InputSize, InputSize).ToArray()).ToArray()).ToArray();

                // When both run
                using var _ = inference_mode();
                var (output, final) = stack.call(input, tensor(lengths.Select(l => (long)l).ToArray()));
                var (expectedOutputs, expectedFinals) = ManagedRecurrence.Run(cell, weights, inputs, lengths, layers, bidirectional, hidden);

                // Then they agree to float64 rounding at every real step and in every final state
                var outputs = output.data<double>().ToArray();
                var finals = final.data<double>().ToArray();
                var width = (int)output.shape[2];
                for (var b = 0; b < Batch; b++)
                {
                    for (var t = 0; t < lengths[b]; t++)
                    {
                        for (var j = 0; j < width; j++)
                        {
                            Assert.Equal(expectedOutputs[b][t][j], outputs[(((t * Batch) + b) * width) + j], 1e-12);
                        }
                    }

                    for (var s = 0; s < expectedFinals.Length; s++)
                    {
                        for (var j = 0; j < hidden; j++)
                        {
                            Assert.Equal(expectedFinals[s][b][j], finals[(((s * Batch) + b) * hidden) + j], 1e-12);
                        }
                    }
                }
            }
        }
    }

}
