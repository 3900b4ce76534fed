using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ActorSync.OdooSim.Runtime;

namespace ActorSync.OdooSim.Http;

/// <summary>
/// Serializes answers as Odoo's Python json does: floats keep their decimal point (1820.0), so a
/// client that tells integers from floats sees what a real server sends.
/// </summary>
internal static class PyJson
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Serialize(JsonNode? node)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Options)) Write(writer, node);
        return buffer.WrittenSpan.ToArray();
    }

    private static void Write(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (key, value) in obj)
                {
                    writer.WritePropertyName(key);
                    Write(writer, value);
                }
                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array) Write(writer, item);
                writer.WriteEndArray();
                break;
            case JsonValue value when value.TryGetValue<JsonElement>(out var element):
                element.WriteTo(writer);
                break;
            case JsonValue value when value.TryGetValue<double>(out var d):
                writer.WriteRawValue(PyRepr.Float(d));
                break;
            case JsonValue value when value.TryGetValue<float>(out var f):
                writer.WriteRawValue(PyRepr.Float(f));
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }
}
