using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KubeSharp.ApiServer.Patch;

public enum PathElementKind
{
    /// <summary>A member of an object: <c>f:name</c>.</summary>
    Field,
    /// <summary>An item of a map-list, by its key fields: <c>k:{"name":"web"}</c>.</summary>
    Key,
    /// <summary>An item of a set-list, by its value: <c>v:"x"</c>.</summary>
    Value,
    /// <summary>An item of a list without identity, by position: <c>i:0</c>.</summary>
    Index,
}

/// <summary>
/// One step of a managed-field path. <see cref="Text"/> is the field name, the canonical JSON of the key
/// fields or value, or the index; canonical JSON (sorted keys, minimal escaping) makes equal keys compare equal.
/// </summary>
public readonly record struct PathElement(PathElementKind Kind, string Text) : IComparable<PathElement>
{
    public static PathElement Field(string name) => new(PathElementKind.Field, name);
    public static PathElement Index(int index) => new(PathElementKind.Index, index.ToString(CultureInfo.InvariantCulture));
    public static PathElement Value(JsonNode? value) => new(PathElementKind.Value, CanonicalJson(value));
    public static PathElement Key(JsonObject keyFields) => new(PathElementKind.Key, CanonicalJson(keyFields));

    /// <summary>The FieldsV1 member name: <c>f:…</c>, <c>k:…</c>, <c>v:…</c> or <c>i:…</c>.</summary>
    public string Encode() => Kind switch
    {
        PathElementKind.Field => "f:" + Text,
        PathElementKind.Key => "k:" + Text,
        PathElementKind.Value => "v:" + Text,
        _ => "i:" + Text,
    };

    public static bool TryDecode(string encoded, out PathElement element)
    {
        element = default;
        if (encoded.Length < 2 || encoded[1] != ':') return false;
        var rest = encoded[2..];
        try
        {
            switch (encoded[0])
            {
                case 'f': element = Field(rest); return true;
                case 'k' when JsonNode.Parse(rest) is JsonObject key: element = Key(key); return true;
                case 'v': element = Value(JsonNode.Parse(rest)); return true;
                case 'i' when int.TryParse(rest, NumberStyles.None, CultureInfo.InvariantCulture, out var i): element = Index(i); return true;
                default: return false;
            }
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Upstream's path notation: <c>.name</c>, <c>[name="web"]</c>, <c>[="x"]</c>, <c>[0]</c>.</summary>
    public override string ToString()
    {
        switch (Kind)
        {
            case PathElementKind.Field: return "." + Text;
            case PathElementKind.Index: return "[" + Text + "]";
            case PathElementKind.Value: return "[=" + Text + "]";
            default:
                var key = (JsonObject)JsonNode.Parse(Text)!;
                return "[" + string.Join(",", key.Select(p => p.Key + "=" + CanonicalJson(p.Value))) + "]";
        }
    }

    public int CompareTo(PathElement other)
    {
        if (Kind != other.Kind) return Kind.CompareTo(other.Kind);
        if (Kind == PathElementKind.Index) return int.Parse(Text, CultureInfo.InvariantCulture).CompareTo(int.Parse(other.Text, CultureInfo.InvariantCulture));
        return string.CompareOrdinal(Text, other.Text);
    }

    static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    internal static string CanonicalJson(JsonNode? node)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, WriterOptions)) WriteCanonical(writer, node);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    static void WriteCanonical(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject o:
                writer.WriteStartObject();
                foreach (var (key, value) in o.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(key);
                    WriteCanonical(writer, value);
                }
                writer.WriteEndObject();
                break;
            case JsonArray a:
                writer.WriteStartArray();
                foreach (var item in a) WriteCanonical(writer, item);
                writer.WriteEndArray();
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }
}

/// <summary>Formatting of whole paths the way upstream prints them in conflict messages.</summary>
public static class FieldPathFormat
{
    public static string Format(IEnumerable<PathElement> path) => string.Concat(path.Select(e => e.ToString()));
}
