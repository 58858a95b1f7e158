using ImdbSentiment.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace ImdbSentiment.Training;

/// <summary>
/// TorchSharp's <see cref="TorchSharp.Modules.Adam"/> with the same state, options and arithmetic, but a step that keeps
/// every <see cref="Scalar"/> it passes to libtorch alive until the call returns. TorchSharp's own step converts its
/// coefficients to temporary Scalars, which a collection on another thread may free mid-call (see
/// <see cref="NativeScalars"/>). Named <c>Adam</c> because TorchSharp writes the type's name into saved optimizer state
/// and checks it on load: checkpoints stay interchangeable with TorchSharp's Adam.
/// <para>
/// Parameters named as row-sparse (a large table of which each batch touches a few rows, such as an NBSVM's n-gram
/// weights) are updated lazily, as TensorFlow's LazyAdam does: only the rows whose gradient is not zero have their moments
/// and values updated, so a step costs what the batch touches rather than the whole table.
/// </para>
/// </summary>
public sealed class Adam : TorchSharp.Modules.Adam
{
    private readonly HashSet<IntPtr> _rowSparse;

    /// <summary>Creates the optimizer over one parameter group.</summary>
    /// <param name="parameters">The parameters to update.</param>
    /// <param name="lr">The learning rate.</param>
    /// <param name="weightDecay">The L2 penalty.</param>
    /// <param name="rowSparse">Parameters among <paramref name="parameters"/> to update row by row, only where the gradient is not zero.</param>
    public Adam(IEnumerable<TorchSharp.Modules.Parameter> parameters, double lr, double weightDecay = 0,
        IEnumerable<TorchSharp.Modules.Parameter>? rowSparse = null)
        : base(parameters, lr, weight_decay: weightDecay)
    {
        _rowSparse = [.. (rowSparse ?? []).Select(p => p.Handle)];
    }

    /// <summary>Creates the optimizer over several parameter groups, each with its own learning rate (set per step through <c>ParamGroups</c>).</summary>
    /// <param name="groups">The groups' parameters, in order.</param>
    /// <param name="lr">Every group's initial learning rate.</param>
    /// <param name="weightDecay">The L2 penalty.</param>
    /// <param name="rowSparse">Parameters to update row by row, only where the gradient is not zero.</param>
    public Adam(IEnumerable<IEnumerable<TorchSharp.Modules.Parameter>> groups, double lr, double weightDecay = 0,
        IEnumerable<TorchSharp.Modules.Parameter>? rowSparse = null)
        : base([.. groups.Select(g => new ParamGroup(g, lr, weight_decay: weightDecay))], lr, weight_decay: weightDecay)
    {
        _rowSparse = [.. (rowSparse ?? []).Select(p => p.Handle)];
    }

    /// <inheritdoc />
    public override Tensor step(Func<Tensor>? closure = null) => _step<ParamGroup>(group =>
    {
        var options = (Options)group.Options;
        var (beta1, beta2) = (options.beta1!.Value, options.beta2!.Value);
        var weightDecay = options.weight_decay!.Value;
        var lr = options.LearningRate!.Value;
        using var beta1Scalar = NativeScalars.Owned(beta1);
        using var beta2Scalar = NativeScalars.Owned(beta2);
        using var oneMinusBeta1 = NativeScalars.Owned(1 - beta1);
        using var oneMinusBeta2 = NativeScalars.Owned(1 - beta2);
        using var eps = NativeScalars.Owned(options.eps!.Value);
        using var decay = NativeScalars.Owned(weightDecay);
        foreach (var param in group.Parameters)
        {
            var state = (State)_state[param.Handle];
            var grad = param.grad;
            if (grad is null)
            {
                continue;
            }

            if (options.maximize!.Value)
            {
                grad = grad.neg();
            }

            state.step += 1;
            var biasCorrection1 = 1 - Math.Pow(beta1, state.step);
            var biasCorrection2 = 1 - Math.Pow(beta2, state.step);
            using var scope = NewDisposeScope();

            // A row-sparse parameter's touched rows are gathered, updated as a dense parameter is, and scattered back.
            var rows = _rowSparse.Contains(param.Handle) && !options.amsgrad!.Value ? TouchedRows(grad) : null;
            var value = rows is null ? param : param.index_select(0, rows);
            var average = rows is null ? state.exp_avg : state.exp_avg.index_select(0, rows);
            var squares = rows is null ? state.exp_avg_sq : state.exp_avg_sq.index_select(0, rows);
            if (rows is not null)
            {
                grad = grad.index_select(0, rows);
            }

            if (weightDecay != 0)
            {
                grad = grad.add(value, decay);
            }

            average.mul_(beta1Scalar).add_(grad, oneMinusBeta1);
            squares.mul_(beta2Scalar).addcmul_(grad, grad.conj(), oneMinusBeta2);
            using var correction2 = NativeScalars.Owned(Math.Sqrt(biasCorrection2));
            Tensor denominator;
            if (options.amsgrad!.Value)
            {
                var previous = state.max_exp_avg_sq;
                state.max_exp_avg_sq = maximum(previous, state.exp_avg_sq).DetachFromDisposeScope();
                previous.Dispose();
                denominator = state.max_exp_avg_sq.sqrt().div(correction2).add_(eps, NativeScalars.One);
            }
            else
            {
                denominator = squares.sqrt().div(correction2).add_(eps, NativeScalars.One);
            }

            using var stepSize = NativeScalars.Owned(-(lr / biasCorrection1));
            value.addcdiv_(average, denominator, stepSize);
            if (rows is not null)
            {
                state.exp_avg.index_copy_(0, rows, average);
                state.exp_avg_sq.index_copy_(0, rows, squares);
                param.index_copy_(0, rows, value);
            }
        }
    }, closure);

    // The rows (first-dimension indices) where the gradient is not zero.
    private static Tensor TouchedRows(Tensor grad)
    {
        var touched = grad.dim() == 1 ? grad.ne(NativeScalars.Zero) : grad.ne(NativeScalars.Zero).flatten(1).any(1);
        return touched.nonzero().flatten();
    }
}
