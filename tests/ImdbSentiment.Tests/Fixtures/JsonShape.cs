using System.Text;
using System.Text.Json;

namespace ImdbSentiment.Tests.Fixtures;

/// <summary>
/// The shape of JSON, without its values: property names in order and value kinds (<c>string</c>, <c>number</c>,
/// <c>true|false</c>, <c>null</c>), arrays as the shape of their first element. What a <c>--json</c> consumer relies on,
/// and the same on every machine, unlike the numbers.
/// </summary>
public static class JsonShape
{
    /// <summary>One line per JSON document in <paramref name="jsonLines"/> (the shapes of a JSON Lines output).</summary>
    public static string Of(string jsonLines) =>
        string.Join('\n', jsonLines.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line =>
        {
            using var document = JsonDocument.Parse(line);
            var shape = new StringBuilder();
            Write(document.RootElement, shape, 0);
            return shape.ToString();
        }).Distinct());

    private static void Write(JsonElement element, StringBuilder shape, int depth)
    {
        var indent = new string(' ', 2 * (depth + 1));
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                shape.Append("{\n");
                foreach (var property in element.EnumerateObject())
                {
                    shape.Append(indent).Append(property.Name).Append(": ");
                    Write(property.Value, shape, depth + 1);
                    shape.Append('\n');
                }

                shape.Append(new string(' ', 2 * depth)).Append('}');
                break;
            case JsonValueKind.Array:
                shape.Append('[');
                if (element.GetArrayLength() > 0)
                {
                    Write(element[0], shape, depth);
                }

                shape.Append(']');
                break;
            case JsonValueKind.String:
                shape.Append("string");
                break;
            case JsonValueKind.Number:
                shape.Append("number");
                break;
            case JsonValueKind.True or JsonValueKind.False:
                shape.Append("true|false");
                break;
            default:
                shape.Append("null");
                break;
        }
    }
}
