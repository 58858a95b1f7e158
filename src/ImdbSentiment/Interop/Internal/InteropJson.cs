using System.Text.Json.Serialization;

namespace ImdbSentiment.Interop.Internal;

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(PyTorchConfig))]
internal sealed partial class InteropJson : JsonSerializerContext;
