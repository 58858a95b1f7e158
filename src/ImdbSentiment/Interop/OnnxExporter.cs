using System.Globalization;
using System.Text.Json;
using Google.Protobuf;
using ImdbSentiment.Interop.Internal;
using ImdbSentiment.Models;
using ImdbSentiment.Persistence;
using Onnx;
using static TorchSharp.torch;

namespace ImdbSentiment.Interop;

/// <summary>The files an ONNX export wrote.</summary>
/// <param name="ModelPath">The ONNX model.</param>
/// <param name="VocabularyPath">The vocabulary beside it (token ids come from it and the tokenizer named in the model's metadata).</param>
public sealed record OnnxExport(string ModelPath, string VocabularyPath);

/// <summary>
/// Exports a recurrent classifier as an ONNX graph that any ONNX runtime can score: token ids <c>tokens</c> (int64
/// <c>[B, T]</c>, one row per text, padded with the pad id) and <c>lengths</c> (int64 <c>[B]</c>) in; <c>logits</c> and
/// <c>probabilities</c> (<c>[B]</c> for a binary model, the second class's; <c>[B, N]</c> for N classes) out, the
/// bundle's temperature applied to the probabilities. The recurrent layers are ONNX's own GRU, LSTM and RNN operators
/// with <c>sequence_lens</c>, so padding does not change a text's score, and both dimensions are dynamic. The model's
/// metadata holds the labels, the temperature and the tokenizer.
/// </summary>
public static class OnnxExporter
{
    /// <summary>The ONNX operator set the graph uses.</summary>
    public const int Opset = 17;

    /// <summary>The vocabulary file written beside <c>model.onnx</c>: <c>model.vocab.json</c>.</summary>
    public static string VocabularyPath(string modelPath) => Path.ChangeExtension(modelPath, null) + ".vocab.json";

    /// <summary>Exports a bundle.</summary>
    /// <param name="bundle">A recurrent classifier (<see cref="PyTorchStateDict.Covers"/>).</param>
    /// <param name="modelPath">Where to write the model, e.g. <c>model.onnx</c> (atomically); the vocabulary goes beside it.</param>
    /// <param name="int8Weights">
    /// Store the weight matrices (embedding, recurrent, output) as int8 with one scale per row, about a quarter of the
    /// size; the graph computes in float32 as before (weight-only quantization: rows of the embedding are dequantized
    /// as they are looked up, the other matrices by <c>DequantizeLinear</c>). Biases stay float32.
    /// </param>
    public static OnnxExport Export(LoadedBundle bundle, string modelPath, bool int8Weights = false)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        ArgumentException.ThrowIfNullOrWhiteSpace(modelPath);
        var options = bundle.Manifest.Model;
        if (!PyTorchStateDict.Covers(options.Kind))
        {
            throw InteropException.NotRecurrent(bundle.Path, options.Kind);
        }

        ModelProto model;
        using (var network = bundle.CreateModel())
        using (var scope = NewDisposeScope())
        {
            var weights = network.state_dict().ToDictionary(p => p.Key, p => p.Value.to_type(ScalarType.Float32).contiguous().data<float>().ToArray(), StringComparer.Ordinal);
            model = Build(options, weights, bundle.Manifest, int8Weights);
        }

        AtomicFile.Write(modelPath, stream => model.WriteTo(stream));
        var vocabularyPath = VocabularyPath(modelPath);
        bundle.Vocabulary.Save(vocabularyPath);
        return new OnnxExport(modelPath, vocabularyPath);
    }

    private static ModelProto Build(ModelOptions options, IReadOnlyDictionary<string, float[]> weights, BundleManifest manifest, bool int8Weights)
    {
        var graph = new OnnxGraph();
        var matrices = new Matrices(graph, int8Weights);
        graph.Input("tokens", TensorProto.Types.DataType.Int64, "B", "T");
        graph.Input("lengths", TensorProto.Types.DataType.Int64, "B");
        var vanilla = options.Kind == ModelKind.VanillaRnn;
        var (cell, layers, directions) = vanilla ? (RecurrentCell.Rnn, 1, 1) : (options.Cell, options.Layers, options.Directions);
        var hidden = options.HiddenDim;

        // Batch-major in, as ONNX serving stacks batch (Triton's dynamic batcher, ML.NET's rows); time-major inside, as
        // ONNX Runtime's recurrent operators need.
        var tokens = graph.One("Transpose", ["tokens"], OnnxGraph.Ints("perm", 1, 0));                       // [T, B]
        var x = matrices.Rows("embedding.weight", weights["embedding.weight"], options.VocabularySize, options.EmbeddingDim, tokens); // [T, B, E]
        var sequenceLengths = graph.One("Cast", ["lengths"], OnnxGraph.Int("to", (long)TensorProto.Types.DataType.Int32));
        var flatten = graph.Longs("shape_t_b_flat", [0, 0, -1], 3);
        var finals = new List<string>();
        var input = options.EmbeddingDim;
        for (var layer = 0; layer < layers; layer++)
        {
            var (w, r, b) = LayerWeights(graph, matrices, weights, cell, layer, directions, hidden, input);
            var attributes = new List<AttributeProto>
            {
                OnnxGraph.Int("hidden_size", hidden),
                OnnxGraph.Text("direction", directions == 2 ? "bidirectional" : "forward"),
            };
            if (cell == RecurrentCell.Gru)
            {
                attributes.Add(OnnxGraph.Int("linear_before_reset", 1));                                       // PyTorch's GRU
            }

            var outputs = graph.Node(cell switch { RecurrentCell.Gru => "GRU", RecurrentCell.Lstm => "LSTM", _ => "RNN" },
                [x, w, r, b, sequenceLengths], cell == RecurrentCell.Lstm ? 3 : 2, [.. attributes]);
            var y = graph.One("Transpose", [outputs[0]], OnnxGraph.Ints("perm", 0, 2, 1, 3));                 // [T, B, D, H]
            x = graph.One("Reshape", [y, flatten]);                                                             // [T, B, D·H]
            finals.Add(outputs[1]);                                                                             // [D, B, H]
            input = directions * hidden;
        }

        var features = options.Pooling == Pooling.FinalHidden || vanilla
            ? graph.One("Reshape", [graph.One("Transpose", [finals.Count == 1 ? finals[0] : graph.One("Concat", finals, OnnxGraph.Int("axis", 0))], OnnxGraph.Ints("perm", 1, 0, 2)),
                graph.Longs("shape_b_flat", [0, -1], 2)])                                                       // [B, L·D·H], layer-major, forward first
            : MaxMeanPool(graph, tokens, x);

        var outputDim = options.OutputDim;
        var fcWeight = matrices.Matrix("fc.weight", weights["fc.weight"], outputDim, weights["fc.weight"].Length / outputDim);
        var fcBias = graph.Floats("fc.bias", weights["fc.bias"], outputDim);
        var logits = graph.One("Gemm", [features, fcWeight, fcBias], OnnxGraph.Int("transB", 1));             // [B, O]
        var temperature = graph.Floats("temperature", [(float)(manifest.Temperature ?? 1)]);
        if (outputDim == 1)
        {
            logits = graph.One("Squeeze", [logits, graph.Longs("axis_1", [1], 1)]);                           // [B]
            graph.Alias(graph.One("Sigmoid", [graph.One("Div", [logits, temperature])]), "probabilities");
        }
        else
        {
            graph.Alias(graph.One("Softmax", [graph.One("Div", [logits, temperature])], OnnxGraph.Int("axis", 1)), "probabilities");
        }

        graph.Alias(logits, "logits");
        string[] batchDims = outputDim == 1 ? ["B"] : ["B", outputDim.ToString(CultureInfo.InvariantCulture)];
        graph.Output("logits", TensorProto.Types.DataType.Float, batchDims);
        graph.Output("probabilities", TensorProto.Types.DataType.Float, batchDims);
        var metadata = new Dictionary<string, string>
        {
            ["labels"] = JsonSerializer.Serialize(manifest.ClassNames()),
            ["temperature"] = (manifest.Temperature ?? 1).ToString("R", CultureInfo.InvariantCulture),
            ["tokenizer_version"] = manifest.Tokenizer.Version,
            ["normalize_line_break_tags"] = manifest.Tokenizer.NormalizeLineBreakTags ? "true" : "false",
            ["pad_index"] = options.PadIndex.ToString(CultureInfo.InvariantCulture),
            ["vocabulary_size"] = options.VocabularySize.ToString(CultureInfo.InvariantCulture),
            ["best_epoch"] = manifest.BestEpoch.ToString(CultureInfo.InvariantCulture),
            ["created_utc"] = manifest.CreatedUtc.ToString("O", CultureInfo.InvariantCulture),
            ["weights"] = int8Weights ? "int8" : "float32",
            ["preset"] = manifest.Preset,
            ["architecture"] = options.Describe(),
        };
        return graph.Model(Opset, ModelBundle.CreatedBy, metadata);
    }

    // Max and mean over each text's own steps: [T, B, F] → [B, 2F], padding excluded, as RecurrentClassifier pools.
    private static string MaxMeanPool(OnnxGraph graph, string tokens, string output)
    {
        var steps = graph.One("Gather", [graph.One("Shape", [tokens]), graph.Longs("zero_index", [0])], OnnxGraph.Int("axis", 0));
        var positions = graph.One("Range", [graph.Longs("zero", [0]), steps, graph.Longs("one", [1])]);     // [T]
        var mask = graph.One("Less", [graph.One("Unsqueeze", [positions, graph.Longs("axis_1_pool", [1], 1)]),
            graph.One("Unsqueeze", ["lengths", graph.Longs("axis_0", [0], 1)])]);                             // [T, B]
        var mask3 = graph.One("Unsqueeze", [mask, graph.Longs("axis_2", [2], 1)]);                           // [T, B, 1]
        var max = graph.One("ReduceMax", [graph.One("Where", [mask3, output, graph.Floats("negative_infinity", [float.NegativeInfinity])])],
            OnnxGraph.Ints("axes", 0), OnnxGraph.Int("keepdims", 0));
        var sum = graph.One("ReduceSum", [graph.One("Where", [mask3, output, graph.Floats("zero_float", [0f])]), graph.Longs("axis_0_sum", [0], 1)],
            OnnxGraph.Int("keepdims", 0));
        var counts = graph.One("Unsqueeze", [graph.One("Max", [graph.One("Cast", ["lengths"], OnnxGraph.Int("to", (long)TensorProto.Types.DataType.Float)),
            graph.Floats("one_float", [1f])]), graph.Longs("axis_1_count", [1], 1)]);                        // [B, 1]
        return graph.One("Concat", [max, graph.One("Div", [sum, counts])], OnnxGraph.Int("axis", 1));
    }

    // ONNX's W [D, G·H, In], R [D, G·H, H] and B [D, 2·G·H] from PyTorch's per-direction tensors, gates reordered:
    // PyTorch's GRU is (r, z, n) and ONNX's (z, r, h); PyTorch's LSTM (i, f, g, o) and ONNX's (i, o, f, c).
    private static (string W, string R, string B) LayerWeights(OnnxGraph graph, Matrices matrices, IReadOnlyDictionary<string, float[]> weights, RecurrentCell cell,
        int layer, int directions, int hidden, int input)
    {
        int[] order = cell switch { RecurrentCell.Gru => [1, 0, 2], RecurrentCell.Lstm => [0, 3, 1, 2], _ => [0] };
        var gates = order.Length;
        var (w, r, b) = (new List<float>(), new List<float>(), new List<float>());
        for (var direction = 0; direction < directions; direction++)
        {
            var suffix = $"l{layer}{(direction == 1 ? "_reverse" : string.Empty)}";
            w.AddRange(Reorder(weights[$"rnn.weight_ih_{suffix}"], order, hidden * input));
            r.AddRange(Reorder(weights[$"rnn.weight_hh_{suffix}"], order, hidden * hidden));
            b.AddRange(Reorder(weights[$"rnn.bias_ih_{suffix}"], order, hidden));
            b.AddRange(Reorder(weights[$"rnn.bias_hh_{suffix}"], order, hidden));
        }

        return (matrices.Matrix($"W_{layer}", [.. w], directions, gates * hidden, input),
            matrices.Matrix($"R_{layer}", [.. r], directions, gates * hidden, hidden),
            graph.Floats($"B_{layer}", [.. b], directions, 2 * gates * hidden));
    }

    private static IEnumerable<float> Reorder(float[] values, int[] order, int block) =>
        order.SelectMany(gate => values.Skip(gate * block).Take(block));

    // The weight matrices as float32 constants, or as int8 rows with their scales, dequantized in the graph.
    private sealed class Matrices(OnnxGraph graph, bool int8)
    {
        // A weight of shape dims; int8 keeps one scale per row of its last dimension.
        public string Matrix(string name, float[] values, params long[] dims)
        {
            if (!int8)
            {
                return graph.Floats(name, values, dims);
            }

            var columns = dims[^1];
            var rows = values.Length / columns;
            var (quantized, scales) = graph.Int8Rows(name, values, rows, columns);
            var matrix = graph.One("DequantizeLinear", [quantized, scales, graph.Int8Zeros(name + "_zero", rows)], OnnxGraph.Int("axis", 0)); // [rows, columns]
            return dims.Length == 2 ? matrix : graph.One("Reshape", [matrix, graph.Longs(name + "_shape", dims, dims.Length)]);
        }

        // The rows of a table that ids pick, [ids..., columns]; int8 dequantizes only the rows picked.
        public string Rows(string name, float[] values, long rows, long columns, string ids)
        {
            if (!int8)
            {
                return graph.One("Gather", [graph.Floats(name, values, rows, columns), ids], OnnxGraph.Int("axis", 0));
            }

            var (quantized, scales) = graph.Int8Rows(name, values, rows, columns);
            var picked = graph.One("Cast", [graph.One("Gather", [quantized, ids], OnnxGraph.Int("axis", 0))], OnnxGraph.Int("to", (long)TensorProto.Types.DataType.Float));
            var scale = graph.One("Unsqueeze", [graph.One("Gather", [scales, ids], OnnxGraph.Int("axis", 0)), graph.Longs(name + "_last_axis", [-1], 1)]);
            return graph.One("Mul", [picked, scale]);
        }
    }
}
