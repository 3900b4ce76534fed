using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ActorSync.Actors.Serialization;
using ActorSync.Domain.InputExceptions;

namespace ActorSync.Actors.Replay;

/// <summary>
/// A journal record as one JSON object (a line of an NDJSON export): its place, time, tags,
/// manifest and the event as our serializer writes it. The original payload of a parked input is
/// left out (its size and hash stay): it is the sender's FHIR, with whatever patient data it held.
/// </summary>
public static class JournalJson
{
    public static void Write(Utf8JsonWriter writer, JournalRecord record)
    {
        writer.WriteStartObject();
        writer.WriteNumber("offset", record.Offset);
        writer.WriteString("persistenceId", record.PersistenceId);
        writer.WriteNumber("sequenceNr", record.SequenceNr);
        writer.WriteString("timestamp", record.WrittenAt);
        writer.WriteStartArray("tags");
        foreach (var tag in record.Tags)
            writer.WriteStringValue(tag);
        writer.WriteEndArray();
        writer.WriteString("manifest", record.Manifest);
        writer.WritePropertyName("event");
        var e = Redacted(record.Event);
        JsonSerializer.Serialize(writer, e, e.GetType(), ActorSyncSerializer.Options);
        writer.WriteEndObject();
    }

    public static string Line(JournalRecord record)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
            Write(writer, record);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static object Redacted(object e) => e switch
    {
        InputParked parked => parked with { Payload = $"[left out: {Encoding.UTF8.GetByteCount(parked.Payload)} bytes, sha256 {Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(parked.Payload)))[..16]}]" },
        _ => e,
    };
}
