using ImdbSentiment.Models;

namespace ImdbSentiment.Tests.Models;

/// <summary>
/// PyTorch's GRU, LSTM and tanh RNN on packed sequences, written out in plain C# doubles with no libtorch at all: the
/// reference the float64 masked loop is checked against, so that no route is ever checked only against another fast path.
/// Each review runs alone over its own real steps, as a packed sequence does.
/// </summary>
public static class ManagedRecurrence
{
    /// <summary>
    /// Outputs <c>[b][t][D·H]</c> at each review's real steps and final states <c>[L·D][b][H]</c>, for weights named as
    /// PyTorch names them (<c>weight_ih_l0</c>, …) in row-major arrays with their shapes.
    /// </summary>
    public static (double[][][] Outputs, double[][][] Finals) Run(
        RecurrentCell cell, IReadOnlyDictionary<string, (double[] Values, long[] Shape)> weights, double[][][] inputs, int[] lengths,
        int layers, bool bidirectional, int hidden)
    {
        var directions = bidirectional ? 2 : 1;
        var finals = new double[layers * directions][][];
        var layerInput = inputs;                                            // [b][t][features]
        for (var layer = 0; layer < layers; layer++)
        {
            var next = new double[inputs.Length][][];
            for (var b = 0; b < inputs.Length; b++)
            {
                next[b] = new double[lengths[b]][];
                for (var t = 0; t < lengths[b]; t++)
                {
                    next[b][t] = new double[directions * hidden];
                }
            }

            for (var direction = 0; direction < directions; direction++)
            {
                var suffix = $"_l{layer}{(direction == 1 ? "_reverse" : string.Empty)}";
                var index = (layer * directions) + direction;
                finals[index] = new double[inputs.Length][];
                for (var b = 0; b < inputs.Length; b++)
                {
                    var h = new double[hidden];
                    var c = new double[hidden];
                    for (var k = 0; k < lengths[b]; k++)
                    {
                        var t = direction == 1 ? lengths[b] - 1 - k : k;
                        (h, c) = Step(cell, weights, suffix, layerInput[b][t], h, c, hidden);
                        Array.Copy(h, 0, next[b][t], direction * hidden, hidden);
                    }

                    finals[index][b] = h;
                }
            }

            layerInput = next;
        }

        return (layerInput, finals);
    }

    private static (double[] H, double[] C) Step(
        RecurrentCell cell, IReadOnlyDictionary<string, (double[] Values, long[] Shape)> weights, string suffix, double[] x, double[] h, double[] c, int hidden)
    {
        var gi = Affine(weights["weight_ih" + suffix], weights["bias_ih" + suffix], x);
        var gh = Affine(weights["weight_hh" + suffix], weights["bias_hh" + suffix], h);
        var nextH = new double[hidden];
        var nextC = new double[hidden];
        for (var j = 0; j < hidden; j++)
        {
            switch (cell)
            {
                case RecurrentCell.Gru:
                    var r = Sigmoid(gi[j] + gh[j]);
                    var z = Sigmoid(gi[hidden + j] + gh[hidden + j]);
                    var n = Math.Tanh(gi[(2 * hidden) + j] + (r * gh[(2 * hidden) + j]));
                    nextH[j] = ((1 - z) * n) + (z * h[j]);
                    break;
                case RecurrentCell.Lstm:
                    var i = Sigmoid(gi[j] + gh[j]);
                    var f = Sigmoid(gi[hidden + j] + gh[hidden + j]);
                    var g = Math.Tanh(gi[(2 * hidden) + j] + gh[(2 * hidden) + j]);
                    var o = Sigmoid(gi[(3 * hidden) + j] + gh[(3 * hidden) + j]);
                    nextC[j] = (f * c[j]) + (i * g);
                    nextH[j] = o * Math.Tanh(nextC[j]);
                    break;
                default:
                    nextH[j] = Math.Tanh(gi[j] + gh[j]);
                    break;
            }
        }

        return (nextH, nextC);
    }

    private static double[] Affine((double[] Values, long[] Shape) weight, (double[] Values, long[] Shape) bias, double[] x)
    {
        var (rows, columns) = ((int)weight.Shape[0], (int)weight.Shape[1]);
        var result = new double[rows];
        for (var row = 0; row < rows; row++)
        {
            var sum = bias.Values[row];
            for (var column = 0; column < columns; column++)
            {
                sum += weight.Values[(row * columns) + column] * x[column];
            }

            result[row] = sum;
        }

        return result;
    }

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));
}
