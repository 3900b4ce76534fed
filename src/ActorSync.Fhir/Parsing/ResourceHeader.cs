using System.Text.Json;

namespace ActorSync.Fhir.Parsing;

/// <summary>
/// What ActorSync needs to know about a resource before deciding whether to parse it at all:
/// its type, id and version. Read by scanning the top level of the JSON, without building a POCO,
/// so that the resources we do not use (most of a Synthea bundle is Observations) cost almost nothing.
/// </summary>
public readonly record struct ResourceHeader(string ResourceType, string? Id, string? VersionId, DateTimeOffset? LastUpdated)
{
    /// <summary>Reads the header, or says in plain words why the bytes are not a FHIR JSON resource.</summary>
    public static bool TryRead(ReadOnlySpan<byte> json, out ResourceHeader header, out string? problem)
    {
        header = default;
        string? type = null, id = null, versionId = null;
        DateTimeOffset? lastUpdated = null;
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 128 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                problem = "a FHIR resource is a JSON object";
                return false;
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("resourceType"u8))
                    type = ReadString(ref reader);
                else if (reader.ValueTextEquals("id"u8))
                    id = ReadString(ref reader);
                else if (reader.ValueTextEquals("meta"u8))
                    (versionId, lastUpdated) = ReadMeta(ref reader);
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }
        catch (JsonException ex)
        {
            problem = $"the JSON is not well formed: {ex.Message}";
            return false;
        }
        if (string.IsNullOrEmpty(type))
        {
            problem = "the resource has no resourceType";
            return false;
        }
        header = new ResourceHeader(type, id, versionId, lastUpdated);
        problem = null;
        return true;
    }

    private static string? ReadString(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.String)
            return reader.GetString();
        reader.Skip();
        return null;
    }

    private static (string? VersionId, DateTimeOffset? LastUpdated) ReadMeta(ref Utf8JsonReader reader)
    {
        string? versionId = null;
        DateTimeOffset? lastUpdated = null;
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return (null, null);
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("versionId"u8))
                versionId = ReadString(ref reader);
            else if (reader.ValueTextEquals("lastUpdated"u8))
                lastUpdated = DateTimeOffset.TryParse(ReadString(ref reader), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var at) ? at : null;
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        return (versionId, lastUpdated);
    }
}
