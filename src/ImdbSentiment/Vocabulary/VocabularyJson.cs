using System.Text.Json.Serialization;

namespace ImdbSentiment.Vocabulary;

[JsonSerializable(typeof(string[]))]
internal sealed partial class VocabularyJson : JsonSerializerContext;
