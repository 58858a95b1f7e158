using Google.Protobuf;
using Onnx;

namespace ImdbSentiment.Interop.Internal;

/// <summary>A small builder over ONNX's protobuf types (OnnxSharp): named nodes, float and int64 initializers, graph inputs and outputs.</summary>
internal sealed class OnnxGraph
{
    private readonly GraphProto _graph = new() { Name = "imdb_sentiment" };
    private int _next;

    /// <summary>Adds a node and returns its outputs' names.</summary>
    public string[] Node(string opType, IReadOnlyList<string> inputs, int outputs = 1, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = opType, Name = $"{opType}_{_next}" };
        node.Input.AddRange(inputs);
        var names = Enumerable.Range(0, outputs).Select(i => $"{opType.ToLowerInvariant()}_{_next}_{i}").ToArray();
        node.Output.AddRange(names);
        node.Attribute.AddRange(attributes);
        _next++;
        _graph.Node.Add(node);
        return names;
    }

    /// <summary>Adds a node with one output and returns its name.</summary>
    public string One(string opType, IReadOnlyList<string> inputs, params AttributeProto[] attributes) => Node(opType, inputs, 1, attributes)[0];

    /// <summary>Copies <paramref name="input"/> to a value named <paramref name="name"/> (a graph output's name).</summary>
    public string Alias(string input, string name)
    {
        var node = new NodeProto { OpType = "Identity", Name = $"Identity_{_next++}" };
        node.Input.Add(input);
        node.Output.Add(name);
        _graph.Node.Add(node);
        return name;
    }

    /// <summary>A float32 constant.</summary>
    public string Floats(string name, float[] values, params long[] dims)
    {
        var bytes = new byte[values.Length * sizeof(float)];
        Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
        return Raw(name, TensorProto.Types.DataType.Float, bytes, dims);
    }

    /// <summary>
    /// A float32 matrix <c>[rows, columns]</c> stored as int8 with one symmetric scale per row (its largest magnitude
    /// over 127): the int8 and scale constants' names. Rounding costs at most half a step, scale / 2, per weight.
    /// </summary>
    public (string Quantized, string Scales) Int8Rows(string name, float[] values, long rows, long columns)
    {
        var quantized = new byte[values.Length];
        var scales = new float[rows];
        for (var r = 0; r < rows; r++)
        {
            var row = values.AsSpan((int)(r * columns), (int)columns);
            var largest = 0f;
            foreach (var v in row)
            {
                largest = Math.Max(largest, Math.Abs(v));
            }

            var scale = largest > 0 ? largest / 127f : 1f;
            scales[r] = scale;
            for (var c = 0; c < columns; c++)
            {
                quantized[r * columns + c] = unchecked((byte)(sbyte)Math.Clamp(MathF.Round(row[(int)c] / scale), -127, 127));
            }
        }

        return (Raw(name + "_int8", TensorProto.Types.DataType.Int8, quantized, rows, columns), Floats(name + "_scale", scales, rows));
    }

    /// <summary>An int8 constant of zeros (a zero point).</summary>
    public string Int8Zeros(string name, long count) => Raw(name, TensorProto.Types.DataType.Int8, new byte[count], count);

    /// <summary>An int64 constant.</summary>
    public string Longs(string name, long[] values, params long[] dims)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
        tensor.Dims.AddRange(dims);
        tensor.Int64Data.AddRange(values);
        _graph.Initializer.Add(tensor);
        return name;
    }

    /// <summary>Declares a graph input with symbolic dimensions.</summary>
    public void Input(string name, TensorProto.Types.DataType type, params string[] dims) => _graph.Input.Add(Value(name, type, dims));

    /// <summary>Declares a graph output with symbolic dimensions.</summary>
    public void Output(string name, TensorProto.Types.DataType type, params string[] dims) => _graph.Output.Add(Value(name, type, dims));

    /// <summary>An integer attribute.</summary>
    public static AttributeProto Int(string name, long value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    /// <summary>A float attribute.</summary>
    public static AttributeProto Float(string name, float value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    /// <summary>A string attribute.</summary>
    public static AttributeProto Text(string name, string value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(value) };

    /// <summary>An integer-list attribute.</summary>
    public static AttributeProto Ints(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    /// <summary>A string-list attribute.</summary>
    public static AttributeProto Texts(string name, params string[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Strings };
        attribute.Strings.AddRange(values.Select(ByteString.CopyFromUtf8));
        return attribute;
    }

    /// <summary>The model: this graph at <paramref name="opset"/>, with metadata.</summary>
    public ModelProto Model(long opset, string producer, IReadOnlyDictionary<string, string> metadata)
    {
        var model = new ModelProto { IrVersion = 8, ProducerName = producer, Graph = _graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = opset });
        model.MetadataProps.AddRange(metadata.Select(p => new StringStringEntryProto { Key = p.Key, Value = p.Value }));
        return model;
    }

    // A constant from its raw bytes (ONNX's raw_data).
    private string Raw(string name, TensorProto.Types.DataType type, byte[] bytes, params long[] dims)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)type, RawData = ByteString.CopyFrom(bytes) };
        tensor.Dims.AddRange(dims);
        _graph.Initializer.Add(tensor);
        return name;
    }

    private static ValueInfoProto Value(string name, TensorProto.Types.DataType type, string[] dims)
    {
        var shape = new TensorShapeProto();
        shape.Dim.AddRange(dims.Select(d => long.TryParse(d, out var n) ? new TensorShapeProto.Types.Dimension { DimValue = n } : new TensorShapeProto.Types.Dimension { DimParam = d }));
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } } };
    }
}
