using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using KubeSharp.Api.Resources;

namespace KubeSharp.ApiServer.Registry;

/// <summary>
/// Byte-level reading of stored objects. The store holds each object as the server serialized it, without
/// <c>metadata.resourceVersion</c> (the revision is the row's); readers need it with the revision filled in.
/// Splicing the revision into the bytes gives exactly what parsing, setting it and serializing again gave
/// (the stored bytes already are the serializer's canonical output), for a fraction of the work.
/// </summary>
internal static class StoredJson
{
    /// <summary>A freshly parsed, caller-owned object with its resourceVersion set.</summary>
    public static JsonObject Parse(ReadOnlySpan<byte> stored, long modRevision)
    {
        var obj = (JsonObject)JsonNode.Parse(stored)!;
        JsonMeta.SetResourceVersion(obj, modRevision);
        return obj;
    }

    /// <summary>The metadata fields the cache indexes by; read in the same pass that finds where the revision goes.</summary>
    public readonly record struct MetaFields(string Namespace, string Name, IReadOnlyDictionary<string, string>? Labels);

    /// <summary>
    /// <paramref name="stored"/> with <c>metadata.resourceVersion</c> set to <paramref name="revision"/> (replaced where
    /// present, else appended as the last member of metadata, where setting it on the parsed object puts it),
    /// and the object's namespace, name and labels. False for anything unusual (no metadata object, say): the
    /// caller then takes the parse-and-serialize path, which handles every shape.
    /// </summary>
    public static bool TryWithRevision(ReadOnlySpan<byte> stored, long revision, out byte[] json, out MetaFields meta)
    {
        json = [];
        meta = default;
        var reader = new Utf8JsonReader(stored, new JsonReaderOptions { MaxDepth = 1000 });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isMetadata = reader.ValueTextEquals("metadata"u8);
                reader.Read();
                if (!isMetadata) { reader.Skip(); continue; }
                if (reader.TokenType != JsonTokenType.StartObject) return false;
                return ReadMetadata(ref reader, stored, revision, out json, out meta);
            }
            return false;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    static bool ReadMetadata(ref Utf8JsonReader reader, ReadOnlySpan<byte> stored, long revision, out byte[] json, out MetaFields meta)
    {
        string ns = "", name = "";
        Dictionary<string, string>? labels = null;
        int rvStart = -1, rvEnd = -1;
        var members = 0;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                var end = (int)reader.TokenStartIndex;
                meta = new MetaFields(ns, name, labels);
                json = rvStart >= 0 ? Splice(stored, rvStart, rvEnd, revision, null) : Splice(stored, end, end, revision, members > 0 ? "," : "");
                return true;
            }
            members++;
            if (reader.ValueTextEquals("resourceVersion"u8))
            {
                reader.Read();
                rvStart = (int)reader.TokenStartIndex;
                reader.Skip();
                rvEnd = (int)reader.BytesConsumed;
            }
            else if (reader.ValueTextEquals("name"u8)) name = ReadString(ref reader);
            else if (reader.ValueTextEquals("namespace"u8)) ns = ReadString(ref reader);
            else if (reader.ValueTextEquals("labels"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject) labels = ReadLabels(ref reader);
                else reader.Skip();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        json = [];
        meta = default;
        return false;
    }

    static string ReadString(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.String) return reader.GetString()!;
        reader.Skip();
        return "";
    }

    static Dictionary<string, string> ReadLabels(ref Utf8JsonReader reader)
    {
        var labels = new Dictionary<string, string>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            labels[key] = ReadString(ref reader);
        }
        return labels;
    }

    /// <summary>
    /// Replaces stored[start..end) with the revision as a JSON string; with <paramref name="memberPrefix"/> not
    /// null, inserts a whole <c>"resourceVersion":"N"</c> member after that prefix instead.
    /// </summary>
    static byte[] Splice(ReadOnlySpan<byte> stored, int start, int end, long revision, string? memberPrefix)
    {
        Span<byte> value = stackalloc byte[64];
        var n = 0;
        if (memberPrefix is not null)
        {
            foreach (var c in memberPrefix) value[n++] = (byte)c;
            "\"resourceVersion\":"u8.CopyTo(value[n..]);
            n += "\"resourceVersion\":".Length;
        }
        value[n++] = (byte)'"';
        revision.TryFormat(value[n..], out var digits, provider: CultureInfo.InvariantCulture);
        n += digits;
        value[n++] = (byte)'"';
        var result = new byte[stored.Length - (end - start) + n];
        stored[..start].CopyTo(result);
        value[..n].CopyTo(result.AsSpan(start));
        stored[end..].CopyTo(result.AsSpan(start + n));
        return result;
    }
}
