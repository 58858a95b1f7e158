using ImdbSentiment.Models;
using ImdbSentiment.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace ImdbSentiment.Execution;

/// <summary>
/// Checks every way a recurrent stack can compute (each route of <see cref="RecurrenceRoutes"/>, in training with its
/// gradients and in inference, in fp32 or bf16) against the plain masked loop in float64, on this machine's CPU. libtorch
/// picks its kernels by CPU, so a route that is right on one machine can be wrong on the next: the tests run this
/// wherever they run, and <c>sentiment doctor</c> runs a short version on the user's machine.
/// </summary>
public static class RouteCheck
{
    private const int Steps = 7;
    private const int Batch = 3;
    private const int InputSize = 5;

    /// <summary>The routes checked: their names, whether they run with autograd, and the routes themselves.</summary>
    public static IReadOnlyList<(string Name, bool Training, RecurrenceRoutes Routes)> Routes { get; } =
    [
        ("plain, training", true, RecurrenceRoutes.Plain),
        ("libtorch module, training", true, new RecurrenceRoutes { LibTorchModule = true }),
        ("recomputed segments, training", true, new RecurrenceRoutes { RecomputeSegment = 3 }),
        ("plain, inference", false, RecurrenceRoutes.Plain),
        ("libtorch module, inference", false, new RecurrenceRoutes { LibTorchModule = true }),
        ("inference segments", false, new RecurrenceRoutes { InferenceSegment = 3 }),
        ("directions at once", false, new RecurrenceRoutes { Directions = new AlongsideRunner(2) }),
        ("every inference route", false, new RecurrenceRoutes { LibTorchModule = true, InferenceSegment = 3, Directions = new AlongsideRunner(2) }),
    ];

    /// <summary>
    /// The largest tolerated error, relative to the reference's largest magnitude, for a dtype with unit roundoff u
    /// (2⁻²⁴ for fp32, 2⁻⁸ for bf16). Each step's sums have up to 256 terms here and errors carry over seven steps and two
    /// layers: on the reference machine every route stays within 17·u in fp32 and 5·u in bf16 (the bf16 reference starts
    /// from the same bf16-rounded weights and inputs), so the bound is 128·u for fp32 and 16·u for bf16. A wrong kernel is
    /// off by far more: oneDNN's AVX-512 LSTM by 0.06–0.54 absolute, over 10⁴ times the fp32 bound.
    /// </summary>
    /// <param name="precision">The number format.</param>
    public static double Tolerance(Precision precision) => 128 * UnitRoundoff(precision) / (precision == Precision.Float32 ? 1 : 8);

    /// <summary>Half the distance from 1 to the next number: 2⁻²⁴ for fp32, 2⁻⁸ for bf16.</summary>
    /// <param name="precision">The number format.</param>
    public static double UnitRoundoff(Precision precision) => precision == Precision.Float32 ? Math.Pow(2, -24) : Math.Pow(2, -8);

    /// <summary>
    /// Runs every route on every shape and returns each comparison (outputs, final states and, in training, each
    /// parameter's and the input's gradient). Runs on the calling thread's libtorch threads.
    /// </summary>
    /// <param name="shapes">The stacks to build.</param>
    /// <param name="precision">The number format of the routes (the reference is always float64).</param>
    /// <param name="routes">The routes to check; null for <see cref="Routes"/>.</param>
    public static IReadOnlyList<RouteCheckResult> Run(IEnumerable<RecurrentShape> shapes, Precision precision,
        IReadOnlyList<(string Name, bool Training, RecurrenceRoutes Routes)>? routes = null) => Run(shapes, precision, routes, tamper: null);

    // tamper changes the checked stack after the reference is made from it: the tests' way to prove a wrong result is caught.
    internal static IReadOnlyList<RouteCheckResult> Run(IEnumerable<RecurrentShape> shapes, Precision precision,
        IReadOnlyList<(string Name, bool Training, RecurrenceRoutes Routes)>? routes, Action<MaskedRecurrentStack>? tamper)
    {
        ArgumentNullException.ThrowIfNull(shapes);
        NativeRuntime.EnsureLoaded();
        var results = new List<RouteCheckResult>();
        foreach (var shape in shapes)
        {
            results.AddRange(Check(shape, precision, routes ?? Routes, tamper));
        }

        return results;
    }

    /// <summary>
    /// libtorch's own single-layer <c>nn.LSTM</c> in fp32 inference (on x86 CPUs, oneDNN's RNN kernel) against the
    /// float64 masked loop with the same weights, per hidden size: the kernel the toolkit routes around, checked so that
    /// <c>sentiment doctor</c> can say whether this CPU is one where it is wrong.
    /// </summary>
    /// <param name="hiddenSizes">The hidden sizes.</param>
    /// <returns>Each size's largest error relative to the reference's largest magnitude.</returns>
    public static IReadOnlyList<(int Hidden, double Error)> LibTorchLstm(IEnumerable<int> hiddenSizes)
    {
        ArgumentNullException.ThrowIfNull(hiddenSizes);
        NativeRuntime.EnsureLoaded();
        var results = new List<(int, double)>();
        foreach (var hidden in hiddenSizes)
        {
            using var scope = NewDisposeScope();
            using var rng = torch.get_rng_state();
            torch.manual_seed(29 + hidden);
            using var lstm = nn.LSTM(InputSize, hidden);
            using var reference = new MaskedRecurrentStack(RecurrentCell.Lstm, InputSize, hidden, 1, bidirectional: false, dropout: 0);
            var input = randn(Steps, Batch, InputSize);
            torch.set_rng_state(rng);
            reference.load_state_dict(lstm.state_dict());
            reference.to(ScalarType.Float64);
            reference.eval();
            lstm.eval();
            using var mode = inference_mode();
            var (expected, _) = reference.call(input.to_type(ScalarType.Float64), tensor(Enumerable.Repeat((long)Steps, Batch).ToArray()));
            var (actual, _, _) = lstm.call(input, null);
            var scale = Math.Max(expected.abs().max().item<double>(), 1e-12);
            results.Add((hidden, expected.sub(actual.to_type(ScalarType.Float64)).abs().max().item<double>() / scale));
        }

        return results;
    }

    /// <summary>Every combination of cell, hidden size, layers (1, 2), directions (1, 2) and padding (none, some).</summary>
    /// <param name="cells">The cells.</param>
    /// <param name="hiddenSizes">The hidden sizes.</param>
    public static IEnumerable<RecurrentShape> Shapes(IEnumerable<RecurrentCell> cells, IEnumerable<int> hiddenSizes) =>
        from cell in cells
        from hidden in hiddenSizes
        from layers in new[] { 1, 2 }
        from bidirectional in new[] { false, true }
        from padded in new[] { false, true }
        select new RecurrentShape(cell, hidden, layers, bidirectional, padded);

    private static List<RouteCheckResult> Check(RecurrentShape shape, Precision precision, IReadOnlyList<(string Name, bool Training, RecurrenceRoutes Routes)> routes,
        Action<MaskedRecurrentStack>? tamper)
    {
        var results = new List<RouteCheckResult>();
        using var scope = NewDisposeScope();
        using var rng = torch.get_rng_state();
        torch.manual_seed(17 + shape.Hidden);
        var dtype = precision == Precision.BFloat16 ? ScalarType.BFloat16 : ScalarType.Float32;
        using var stack = new MaskedRecurrentStack(shape.Cell, InputSize, shape.Hidden, shape.Layers, shape.Bidirectional, dropout: 0);
        var directions = shape.Bidirectional ? 2 : 1;
        var input = randn(Steps, Batch, InputSize).to_type(dtype);
        var lengths = tensor(shape.Padded ? new long[] { Steps, 4, 6 } : new long[] { Steps, Steps, Steps });
        var weights = (Output: randn(Steps, Batch, shape.Hidden * directions, dtype: ScalarType.Float64),
            Hidden: randn(shape.Layers * directions, Batch, shape.Hidden, dtype: ScalarType.Float64));
        torch.set_rng_state(rng);
        stack.to(dtype);

        // The reference: the same (already rounded) weights and inputs, in float64, on the plain masked loop.
        using var reference = new MaskedRecurrentStack(shape.Cell, InputSize, shape.Hidden, shape.Layers, shape.Bidirectional, dropout: 0);
        reference.to(dtype);
        reference.load_state_dict(stack.state_dict());
        reference.to(ScalarType.Float64);
        using var expected = Forward(reference, input.to_type(ScalarType.Float64), lengths, weights, training: true);
        tamper?.Invoke(stack);
        foreach (var (name, training, route) in routes)
        {
            stack.Routes = route;
            try
            {
                using var actual = Forward(stack, input, lengths, weights, training);
                foreach (var (what, error) in expected.Compare(actual, training))
                {
                    results.Add(new RouteCheckResult(shape, precision, name, what, error, Tolerance(precision)));
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // A route that throws is as wrong as one that is off; say so instead of stopping the check.
                results.Add(new RouteCheckResult(shape, precision, name, $"{ex.GetType().Name}: {ex.Message.Split('\n', 2)[0]}", double.PositiveInfinity, Tolerance(precision)));
            }
        }

        return results;
    }

    // Runs the stack once: with autograd (training mode, then the gradients of a fixed weighted sum of its real outputs
    // and final states) or in inference mode (eval mode). Without dropout the two modes compute the same function.
    private static Outcome Forward(MaskedRecurrentStack stack, Tensor input, Tensor lengths, (Tensor Output, Tensor Hidden) weights, bool training)
    {
        using var scope = NewDisposeScope();
        var real = StepMask.Of(lengths.data<long>().ToArray(), input.shape[0]).to_type(ScalarType.Float64);
        if (!training)
        {
            stack.eval();
            using var mode = inference_mode();
            var (output, hidden) = stack.call(input, lengths);
            return new Outcome(output.to_type(ScalarType.Float64).mul(real).MoveToOuterDisposeScope(), hidden.to_type(ScalarType.Float64).MoveToOuterDisposeScope(), []);
        }

        stack.train();
        stack.zero_grad();
        var x = input.detach().requires_grad_();
        var (trainOutput, trainHidden) = stack.call(x, lengths);
        var output64 = trainOutput.to_type(ScalarType.Float64).mul(real);
        var hidden64 = trainHidden.to_type(ScalarType.Float64);
        output64.mul(weights.Output).sum().add(hidden64.mul(weights.Hidden).sum(), NativeScalars.One).backward();
        stack.ReleaseBackwardTensors();
        var gradients = stack.named_parameters().Select(p => (p.name, p.parameter.grad!.to_type(ScalarType.Float64).MoveToOuterDisposeScope()))
            .Append(("input", x.grad!.to_type(ScalarType.Float64).MoveToOuterDisposeScope())).ToList();
        return new Outcome(output64.detach().MoveToOuterDisposeScope(), hidden64.detach().MoveToOuterDisposeScope(), gradients);
    }

    private sealed record Outcome(Tensor Output, Tensor Hidden, List<(string Name, Tensor Gradient)> Gradients) : IDisposable
    {
        // Errors relative to the reference's largest magnitude, per tensor.
        public IEnumerable<(string What, double Error)> Compare(Outcome actual, bool gradients)
        {
            yield return ("outputs", Relative(Output, actual.Output));
            yield return ("final states", Relative(Hidden, actual.Hidden));
            if (gradients)
            {
                foreach (var ((name, expected), (_, got)) in Gradients.Zip(actual.Gradients))
                {
                    yield return ($"gradient of {name}", Relative(expected, got));
                }
            }
        }

        public void Dispose()
        {
            Output.Dispose();
            Hidden.Dispose();
            Gradients.ForEach(g => g.Gradient.Dispose());
        }

        private static double Relative(Tensor expected, Tensor actual)
        {
            using var scope = NewDisposeScope();
            var scale = Math.Max(expected.abs().max().item<double>(), 1e-12);
            return expected.sub(actual).abs().max().item<double>() / scale;
        }
    }
}

/// <summary>A recurrent stack to build for <see cref="RouteCheck"/>.</summary>
/// <param name="Cell">The cell.</param>
/// <param name="Hidden">The hidden size.</param>
/// <param name="Layers">Stacked layers.</param>
/// <param name="Bidirectional">Whether each layer also runs backwards.</param>
/// <param name="Padded">Whether the batch has reviews of different lengths.</param>
public sealed record RecurrentShape(RecurrentCell Cell, int Hidden, int Layers, bool Bidirectional, bool Padded)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"{Cell.ToString().ToUpperInvariant()} H={Hidden} {Layers} layer{(Layers > 1 ? "s" : string.Empty)}{(Bidirectional ? " bidirectional" : string.Empty)} {(Padded ? "padded" : "unpadded")}";
}

/// <summary>One comparison of <see cref="RouteCheck"/>.</summary>
/// <param name="Shape">The stack.</param>
/// <param name="Precision">The route's number format.</param>
/// <param name="Route">The route's name.</param>
/// <param name="What">What was compared: outputs, final states, or a gradient.</param>
/// <param name="Error">The largest difference from the float64 reference, relative to the reference's largest magnitude.</param>
/// <param name="Tolerance">The largest error tolerated.</param>
public sealed record RouteCheckResult(RecurrentShape Shape, Precision Precision, string Route, string What, double Error, double Tolerance)
{
    /// <summary>Whether the error is within the tolerance.</summary>
    public bool Passed => Error <= Tolerance;

    /// <inheritdoc />
    public override string ToString() => $"{Shape}, {PrecisionNames.Format(Precision)}, {Route}: {What} off by {Error:G3} (relative; tolerance {Tolerance:G3})";
}
