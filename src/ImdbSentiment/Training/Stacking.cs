namespace ImdbSentiment.Training;

/// <summary>
/// Fits how an ensemble combines its members (stacking, Wolpert 1992): a logistic regression on the members' logits,
/// <c>sigmoid(Σ w_m · logit_m + b)</c>, by Newton's method in float64 on held-out reviews. The fitted combination is
/// calibrated by construction (it minimises the held-out cross-entropy), and it learns how far to trust each member.
/// </summary>
public static class Stacking
{
    // A whisper of L2 keeps the Newton system solvable when members agree perfectly or a class is separable.
    private const double Ridge = 1e-6;
    private const int MaxIterations = 100;

    /// <summary>The weights (one per member) and bias that minimise the mean cross-entropy (plus a tiny L2 on the weights).</summary>
    /// <param name="memberLogits">Per member, one logit per review.</param>
    /// <param name="positive">Each review's label.</param>
    /// <exception cref="ArgumentException">No members, no reviews, or counts that differ.</exception>
    public static (double[] Weights, double Bias) Fit(IReadOnlyList<float[]> memberLogits, IReadOnlyList<bool> positive)
    {
        ArgumentNullException.ThrowIfNull(memberLogits);
        ArgumentNullException.ThrowIfNull(positive);
        var members = memberLogits.Count;
        var n = positive.Count;
        if (members == 0 || n == 0 || memberLogits.Any(l => l.Length != n))
        {
            throw new ArgumentException($"need logits of every member for each of the {n} reviews", nameof(memberLogits));
        }

        var size = members + 1; // the bias is the last coordinate
        var theta = new double[size];
        Array.Fill(theta, 1.0 / members, 0, members);
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            var gradient = new double[size];
            var hessian = new double[size, size];
            var x = new double[size];
            x[members] = 1;
            for (var i = 0; i < n; i++)
            {
                for (var m = 0; m < members; m++)
                {
                    x[m] = memberLogits[m][i];
                }

                var z = 0.0;
                for (var k = 0; k < size; k++)
                {
                    z += theta[k] * x[k];
                }

                var p = 1 / (1 + Math.Exp(-z));
                var residual = p - (positive[i] ? 1 : 0);
                var curvature = p * (1 - p);
                for (var a = 0; a < size; a++)
                {
                    gradient[a] += residual * x[a] / n;
                    for (var b = 0; b < size; b++)
                    {
                        hessian[a, b] += curvature * x[a] * x[b] / n;
                    }
                }
            }

            for (var m = 0; m < members; m++)
            {
                gradient[m] += Ridge * theta[m];
                hessian[m, m] += Ridge;
            }

            var step = Solve(hessian, gradient);
            var largest = 0.0;
            for (var k = 0; k < size; k++)
            {
                theta[k] -= step[k];
                largest = Math.Max(largest, Math.Abs(step[k]));
            }

            if (largest < 1e-12)
            {
                break;
            }
        }

        return (theta[..members], theta[members]);
    }

    /// <summary>
    /// The combined logits <c>Σ w_m · logit_m + b</c>, summed in float64: what <see cref="Models.EnsembleClassifier"/>
    /// computes from the same member logits.
    /// </summary>
    /// <param name="memberLogits">Per member, one logit per review.</param>
    /// <param name="weights">One weight per member.</param>
    /// <param name="bias">The bias.</param>
    public static float[] Combine(IReadOnlyList<float[]> memberLogits, IReadOnlyList<double> weights, double bias)
    {
        ArgumentNullException.ThrowIfNull(memberLogits);
        ArgumentNullException.ThrowIfNull(weights);
        if (memberLogits.Count == 0 || weights.Count != memberLogits.Count || memberLogits.Any(l => l.Length != memberLogits[0].Length))
        {
            throw new ArgumentException($"need one weight per member and as many logits from each: {memberLogits.Count} members, {weights.Count} weights", nameof(weights));
        }

        var combined = new float[memberLogits[0].Length];
        for (var i = 0; i < combined.Length; i++)
        {
            var sum = bias;
            for (var m = 0; m < memberLogits.Count; m++)
            {
                sum += weights[m] * memberLogits[m][i];
            }

            combined[i] = (float)sum;
        }

        return combined;
    }

    // Gaussian elimination with partial pivoting; the systems here are a handful of rows.
    private static double[] Solve(double[,] matrix, double[] vector)
    {
        var size = vector.Length;
        var a = (double[,])matrix.Clone();
        var b = (double[])vector.Clone();
        for (var column = 0; column < size; column++)
        {
            var pivot = column;
            for (var row = column + 1; row < size; row++)
            {
                if (Math.Abs(a[row, column]) > Math.Abs(a[pivot, column]))
                {
                    pivot = row;
                }
            }

            if (Math.Abs(a[pivot, column]) < 1e-300)
            {
                throw new InvalidOperationException("the members' logits are degenerate (a member outputs one constant); stacking cannot weigh them");
            }

            for (var k = 0; k < size; k++)
            {
                (a[column, k], a[pivot, k]) = (a[pivot, k], a[column, k]);
            }

            (b[column], b[pivot]) = (b[pivot], b[column]);
            for (var row = column + 1; row < size; row++)
            {
                var factor = a[row, column] / a[column, column];
                for (var k = column; k < size; k++)
                {
                    a[row, k] -= factor * a[column, k];
                }

                b[row] -= factor * b[column];
            }
        }

        var solution = new double[size];
        for (var row = size - 1; row >= 0; row--)
        {
            var sum = b[row];
            for (var k = row + 1; k < size; k++)
            {
                sum -= a[row, k] * solution[k];
            }

            solution[row] = sum / a[row, row];
        }

        return solution;
    }
}
