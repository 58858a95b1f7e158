using ImdbSentiment.Models;
using ImdbSentiment.Persistence;
using ImdbSentiment.Tests.Models;
using static TorchSharp.torch;

namespace ImdbSentiment.Tests.Interop;

/// <summary>
/// What an exported model must compute: the network computed in float64 (<see cref="ManagedRecurrence"/>), shared
/// by every check of the ONNX export, whichever runtime scores it.
/// </summary>
public static class OnnxReference
{
    // models/bigru.bundle of the repository the tests were built from.
    public static string ShippedBigru()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var path = Path.Combine(folder.FullName, "models", "bigru.bundle");
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new FileNotFoundException($"no models/bigru.bundle above {AppContext.BaseDirectory}");
    }

    // The network in float64: embedding → PyTorch's recurrence on each text's real steps → features → linear → probabilities.
    // int8Weights: every weight matrix (two dimensions) rounded as the int8 export stores it, one scale per row, in
    // float32 arithmetic as the exporter and DequantizeLinear do; everything after that in float64.
    public static double[][] Probabilities(LoadedBundle bundle, IReadOnlyList<int[]> ids, bool int8Weights = false)
    {
        var options = bundle.Manifest.Model;
        using var network = bundle.CreateModel();
        var weights = network.state_dict().ToDictionary(p => p.Key, p => (p.Value.to_type(ScalarType.Float32).data<float>().ToArray(), p.Value.shape), StringComparer.Ordinal)
            .ToDictionary(p => p.Key, p => (int8Weights && p.Value.shape.Length == 2 ? Int8Rows(p.Value.Item1, (int)p.Value.shape[1]) : [.. p.Value.Item1.Select(v => (double)v)], p.Value.shape), StringComparer.Ordinal);
        var vanilla = options.Kind == ModelKind.VanillaRnn;
        var (cell, layers, bidirectional) = vanilla ? (RecurrentCell.Rnn, 1, false) : (options.Cell, options.Layers, options.Bidirectional);
        var embedding = weights["embedding.weight"].Item1;
        var e = options.EmbeddingDim;
        var inputs = ids.Select(x => x.Select(id => embedding.AsSpan(id * e, e).ToArray()).ToArray()).ToArray();
        var recurrent = weights.Where(p => p.Key.StartsWith("rnn.", StringComparison.Ordinal)).ToDictionary(p => p.Key["rnn.".Length..], p => p.Value);
        var (outputs, finals) = ManagedRecurrence.Run(cell, recurrent, inputs, [.. ids.Select(x => x.Length)], layers, bidirectional, options.HiddenDim);
        var (fcWeight, fcShape) = weights["fc.weight"];
        var fcBias = weights["fc.bias"].Item1;
        var temperature = bundle.Manifest.Temperature ?? 1;
        return [.. ids.Select((_, b) =>
        {
            var features = options.Pooling == Pooling.FinalHidden || vanilla
                ? finals.SelectMany(f => f[b]).ToArray()
                : [.. Enumerable.Range(0, outputs[b][0].Length).Select(f => outputs[b].Max(step => step[f])),
                   .. Enumerable.Range(0, outputs[b][0].Length).Select(f => outputs[b].Average(step => step[f]))];
            var logits = Enumerable.Range(0, (int)fcShape[0]).Select(o => (fcBias[o] + features.Select((v, i) => v * fcWeight[o * features.Length + i]).Sum()) / temperature).ToArray();
            if (logits.Length == 1)
            {
                var p = 1 / (1 + Math.Exp(-logits[0]));
                return new[] { 1 - p, p };
            }

            var max = logits.Max();
            var sum = logits.Sum(l => Math.Exp(l - max));
            return logits.Select(l => Math.Exp(l - max) / sum).ToArray();
        })];
    }

    private static double[] Int8Rows(float[] values, int columns)
    {
        var result = new double[values.Length];
        for (var row = 0; row < values.Length / columns; row++)
        {
            var span = values.AsSpan(row * columns, columns);
            var largest = 0f;
            foreach (var v in span)
            {
                largest = Math.Max(largest, Math.Abs(v));
            }

            var scale = largest > 0 ? largest / 127f : 1f;
            for (var c = 0; c < columns; c++)
            {
                result[row * columns + c] = Math.Clamp(MathF.Round(span[c] / scale), -127, 127) * scale;
            }
        }

        return result;
    }

    public static double MaxDelta(double[][] actual, double[][] expected)
    {
        Assert.Equal(expected.Length, actual.Length);
        return actual.Zip(expected).Max(pair => pair.First.Zip(pair.Second, (a, b) => Math.Abs(a - b)).Max());
    }
}
