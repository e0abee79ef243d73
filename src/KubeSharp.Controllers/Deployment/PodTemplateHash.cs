using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KubeSharp.Controllers.Deployment;

/// <summary>
/// The pod-template-hash of a Deployment's template: an FNV-32a hash of the template's canonical JSON
/// (keys sorted, empty values dropped), salted with the collision count, rendered in upstream's safe
/// alphabet so it never spells words and is a valid label value.
/// </summary>
public static class PodTemplateHash
{
    public const string LabelKey = "pod-template-hash";

    /// <summary>Upstream's rand.SafeEncodeString alphabet: no vowels, no confusable characters.</summary>
    const string SafeAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    public static string Compute(JsonNode? template, int? collisionCount)
    {
        var bytes = Encoding.UTF8.GetBytes(CanonicalJson(template, stripHash: false));
        var hash = Fnv32a(2166136261u, bytes);
        if (collisionCount is { } c)
        {
            // Eight bytes, the count little-endian in the first four, as upstream writes it.
            var salt = new byte[8];
            BitConverter.TryWriteBytes(salt.AsSpan(0, 4), (uint)c);
            if (!BitConverter.IsLittleEndian) salt.AsSpan(0, 4).Reverse();
            hash = Fnv32a(hash, salt);
        }
        return SafeEncode(hash.ToString(CultureInfo.InvariantCulture));
    }

    static uint Fnv32a(uint hash, ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            hash ^= b;
            hash *= 16777619u;
        }
        return hash;
    }

    /// <summary>Maps each character to the safe alphabet by its code, as upstream's SafeEncodeString.</summary>
    public static string SafeEncode(string s)
    {
        var chars = new char[s.Length];
        for (var i = 0; i < s.Length; i++) chars[i] = SafeAlphabet[s[i] % SafeAlphabet.Length];
        return new string(chars);
    }

    /// <summary>
    /// Whether two pod templates are the same apart from the pod-template-hash label (upstream's
    /// EqualIgnoreHash); missing and empty maps or lists count as equal, as Go's semantic equality does.
    /// </summary>
    public static bool EqualIgnoreHash(JsonNode? a, JsonNode? b) =>
        CanonicalJson(a, stripHash: true) == CanonicalJson(b, stripHash: true);

    /// <summary>The template with keys sorted and nulls, empty objects and empty lists dropped.</summary>
    public static string CanonicalJson(JsonNode? template, bool stripHash)
    {
        var copy = template?.DeepClone();
        if (stripHash && copy?["metadata"]?["labels"] is JsonObject labels) labels.Remove(LabelKey);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            if (Prune(copy) is { } pruned) Write(writer, pruned);
            else writer.WriteNullValue();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    static JsonNode? Prune(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonObject o:
                foreach (var key in o.Select(p => p.Key).ToList())
                {
                    var child = Prune(o[key]);
                    if (child is null) o.Remove(key);
                    else if (!ReferenceEquals(child, o[key])) o[key] = child;
                }
                return o.Count == 0 ? null : o;
            case JsonArray a:
                return a.Count == 0 ? null : a;
            default:
                return node;
        }
    }

    static void Write(Utf8JsonWriter w, JsonNode node)
    {
        switch (node)
        {
            case JsonObject o:
                w.WriteStartObject();
                foreach (var (k, v) in o.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    w.WritePropertyName(k);
                    if (v is null) w.WriteNullValue(); else Write(w, v);
                }
                w.WriteEndObject();
                break;
            case JsonArray a:
                w.WriteStartArray();
                foreach (var item in a)
                {
                    if (Prune(item?.DeepClone()) is { } p) Write(w, p);
                    else w.WriteNullValue();
                }
                w.WriteEndArray();
                break;
            default:
                node.WriteTo(w);
                break;
        }
    }
}
