using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;
using KubeSharp.Api.Model;
using KubeSharp.Api.Schema;
using WireType = Google.Protobuf.WireFormat.WireType;

namespace KubeSharp.ApiServer.Protobuf;

/// <summary>
/// Reads one generated.proto message into JSON, guided by the kind's schema (field numbers come from
/// <see cref="SchemaNode.ProtoNumber"/>). Upstream's Go marshaller writes every non-pointer field, so the
/// reader drops what JSON's omitempty would have dropped: empty strings, and zeros of non-pointer
/// fields (<see cref="SchemaNode.OmitZero"/> or <see cref="OmitEmptyScalars"/>); a zero or false of a
/// pointer field (replicas: 0) is kept.
/// Unknown field numbers are skipped.
/// </summary>
internal sealed class SchemaMessageReader
{
    const int MaxDepth = 100;

    readonly ConditionalWeakTable<Dictionary<string, SchemaNode>, FrozenDictionary<int, Field>> _fieldTables = new();

    public JsonObject ReadMessage(byte[] bytes, SchemaNode schema)
    {
        try
        {
            return ReadMessage(new CodedInputStream(bytes), schema, depth: 0);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new ProtobufDecodeException("malformed protobuf message: " + e.Message);
        }
    }

    JsonObject ReadMessage(CodedInputStream input, SchemaNode schema, int depth)
    {
        if (depth > MaxDepth) throw new ProtobufDecodeException($"protobuf message nested deeper than {MaxDepth} levels");
        var fields = FieldsOf(schema);
        var obj = new JsonObject();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (!fields.TryGetValue(WireFormat.GetTagFieldNumber(tag), out var field))
            {
                input.SkipLastField();
                continue;
            }
            var wire = WireFormat.GetTagWireType(tag);
            var node = field.Schema;
            if (field.Embedded)
            {
                // An embedded Go struct: nested on the wire, inlined in JSON.
                Expect(wire, WireType.LengthDelimited, node.DefinitionName ?? "embedded");
                var inner = ReadMessage(Nested(input), node, depth + 1);
                foreach (var key in inner.Select(p => p.Key).ToList())
                {
                    var value = inner[key];
                    inner.Remove(key);
                    obj[key] = value;
                }
            }
            else if (node.Type == "array" && node.Items is { } items)
            {
                if (obj[field.Name] is not JsonArray array) obj[field.Name] = array = [];
                if (wire == WireType.LengthDelimited && IsPackable(items))
                {
                    var packed = Nested(input);
                    while (!packed.IsAtEnd) array.Add(ReadScalar(packed, ScalarWireType(items), items, field.Name));
                }
                else
                {
                    array.Add(ReadValue(input, wire, items, field.Name, depth));
                }
            }
            else if (IsMap(node))
            {
                if (obj[field.Name] is not JsonObject map) obj[field.Name] = map = [];
                Expect(wire, WireType.LengthDelimited, field.Name);
                var (key, value) = ReadMapEntry(Nested(input), node.AdditionalProperties!, field.Name, depth);
                map[key] = value;
            }
            else
            {
                obj[field.Name] = ReadValue(input, wire, node, field.Name, depth);
            }
        }
        DropUnset(obj, fields);
        return obj;
    }

    JsonNode? ReadValue(CodedInputStream input, WireType wire, SchemaNode node, string name, int depth)
    {
        switch (node.ProtoKind)
        {
            case ProtoKind.Time:
            case ProtoKind.MicroTime:
                Expect(wire, WireType.LengthDelimited, name);
                return ApimachineryMessages.ReadTime(Nested(input), node.ProtoKind == ProtoKind.MicroTime);
            case ProtoKind.IntOrString:
                Expect(wire, WireType.LengthDelimited, name);
                return ApimachineryMessages.ReadIntOrString(Nested(input));
            case ProtoKind.Quantity:
                Expect(wire, WireType.LengthDelimited, name);
                return ApimachineryMessages.ReadQuantity(Nested(input));
            case ProtoKind.RawExtension:
                Expect(wire, WireType.LengthDelimited, name);
                return ApimachineryMessages.ReadRawJson(Nested(input), name);
        }
        if (node.Properties is not null && node.Type is "object" or null)
        {
            Expect(wire, WireType.LengthDelimited, name);
            return ReadMessage(Nested(input), node, depth + 1);
        }
        if (node.Type == "array" && node.Items is { } items)
        {
            // A list inside a map value or list (authorization's ExtraValue): upstream wraps it in a message
            // whose field 1 is the repeated element.
            Expect(wire, WireType.LengthDelimited, name);
            return ReadWrappedList(Nested(input), items, name, depth);
        }
        return ReadScalar(input, wire, node, name);
    }

    JsonArray ReadWrappedList(CodedInputStream input, SchemaNode items, string name, int depth)
    {
        var array = new JsonArray();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) != 1)
            {
                input.SkipLastField();
                continue;
            }
            var wire = WireFormat.GetTagWireType(tag);
            if (wire == WireType.LengthDelimited && IsPackable(items))
            {
                var packed = Nested(input);
                while (!packed.IsAtEnd) array.Add(ReadScalar(packed, ScalarWireType(items), items, name));
            }
            else
            {
                array.Add(ReadValue(input, wire, items, name, depth + 1));
            }
        }
        return array;
    }

    static JsonNode? ReadScalar(CodedInputStream input, WireType wire, SchemaNode node, string name)
    {
        switch (node.ProtoKind)
        {
            case ProtoKind.Bytes:
                Expect(wire, WireType.LengthDelimited, name);
                return Convert.ToBase64String(input.ReadBytes().Span);
            case ProtoKind.Int32:
                Expect(wire, WireType.Varint, name);
                return input.ReadInt32();
            case ProtoKind.Int64:
                Expect(wire, WireType.Varint, name);
                return input.ReadInt64();
            case ProtoKind.Double:
                return wire == WireType.Fixed32 ? input.ReadFloat() : ExpectThen(wire, WireType.Fixed64, name, input.ReadDouble);
        }
        switch (node.Type)
        {
            case "string":
                Expect(wire, WireType.LengthDelimited, name);
                return input.ReadString();
            case "boolean":
                Expect(wire, WireType.Varint, name);
                return input.ReadBool();
            case "integer":
                Expect(wire, WireType.Varint, name);
                return input.ReadInt64();
            case "number":
                return wire == WireType.Fixed32 ? input.ReadFloat() : ExpectThen(wire, WireType.Fixed64, name, input.ReadDouble);
            default:
                throw new ProtobufDecodeException($"field \"{name}\" has no protobuf representation in its schema");
        }
    }

    (string Key, JsonNode? Value) ReadMapEntry(CodedInputStream entry, SchemaNode valueSchema, string name, int depth)
    {
        var key = "";
        JsonNode? value = null;
        var seenValue = false;
        uint tag;
        while ((tag = entry.ReadTag()) != 0)
        {
            var wire = WireFormat.GetTagWireType(tag);
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1:
                    Expect(wire, WireType.LengthDelimited, name);
                    key = entry.ReadString();
                    break;
                case 2:
                    value = ReadValue(entry, wire, valueSchema, name, depth);
                    seenValue = true;
                    break;
                default:
                    entry.SkipLastField();
                    break;
            }
        }
        // An absent value is the type's zero, which the Go marshaller leaves out for empty strings and bytes.
        if (!seenValue) value = EmptyValue(valueSchema);
        return (key, value);
    }

    static JsonNode? EmptyValue(SchemaNode node) => node.ProtoKind switch
    {
        ProtoKind.Bytes => "",
        ProtoKind.Int32 or ProtoKind.Int64 => 0,
        ProtoKind.Quantity => "0",
        _ => node.Type switch
        {
            "string" => "",
            "integer" => 0,
            "boolean" => false,
            "object" => new JsonObject(),
            _ => null,
        },
    };

    /// <summary>Removes what upstream's JSON encoding would have omitted for a non-pointer Go field.</summary>
    static void DropUnset(JsonObject obj, FrozenDictionary<int, Field> fields)
    {
        foreach (var field in fields.Values)
        {
            if (field.Embedded) continue;
            var value = obj[field.Name];
            if (!obj.ContainsKey(field.Name)) continue;
            if (value is null || IsEmptyString(value) || (field.OmitZero && IsZero(value)))
                obj.Remove(field.Name);
        }
    }

    static bool IsEmptyString(JsonNode value) =>
        value is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().Length == 0;

    static bool IsZero(JsonNode value) => value is JsonValue v && v.GetValueKind() switch
    {
        JsonValueKind.False => true,
        JsonValueKind.Number => v.ToJsonString() is "0" or "0.0" or "-0",
        _ => false,
    };

    FrozenDictionary<int, Field> FieldsOf(SchemaNode schema)
    {
        if (schema.Properties is not { } properties) return FrozenDictionary<int, Field>.Empty;
        var definition = schema.DefinitionName;
        return _fieldTables.GetValue(properties, props => BuildFieldTable(props, definition));
    }

    static FrozenDictionary<int, Field> BuildFieldTable(Dictionary<string, SchemaNode> properties, string? definition)
    {
        var table = new Dictionary<int, Field>();
        foreach (var (name, node) in properties)
        {
            if (node.ProtoNumber <= 0 || node.ProtoEmbeddedNumber > 0) continue;
            var omitZero = node.OmitZero || (definition is not null && OmitEmptyScalars.Fields.Contains(definition + "." + name));
            table.TryAdd(node.ProtoNumber, new Field(name, node, omitZero, Embedded: false));
        }
        // Fields of an embedded struct become one synthetic message per embedding field number.
        foreach (var group in properties.Where(p => p.Value.ProtoEmbeddedNumber > 0 && p.Value.ProtoNumber > 0).GroupBy(p => p.Value.ProtoEmbeddedNumber))
        {
            var inner = new Dictionary<string, SchemaNode>(StringComparer.Ordinal);
            foreach (var (name, node) in group)
            {
                var copy = node.ShallowCopy();
                copy.ProtoEmbeddedNumber = 0;
                inner[name] = copy;
            }
            var embedded = new SchemaNode { Type = "object", DefinitionName = definition, Properties = inner };
            table.TryAdd(group.Key, new Field("", embedded, OmitZero: false, Embedded: true));
        }
        return table.ToFrozenDictionary();
    }

    static bool IsMap(SchemaNode node) =>
        node.AdditionalProperties is not null && node.Properties is null && node.ProtoKind == ProtoKind.Default;

    static bool IsPackable(SchemaNode items) =>
        items.ProtoKind is ProtoKind.Int32 or ProtoKind.Int64 or ProtoKind.Double
        || (items.ProtoKind == ProtoKind.Default && items.Type is "integer" or "boolean" or "number");

    static WireType ScalarWireType(SchemaNode items) =>
        items.ProtoKind == ProtoKind.Double || items.Type == "number" ? WireType.Fixed64 : WireType.Varint;

    /// <summary>A reader over the next length-delimited field, without copying when the bytes allow it.</summary>
    internal static CodedInputStream Nested(CodedInputStream input)
    {
        var bytes = input.ReadBytes();
        return MemoryMarshal.TryGetArray(bytes.Memory, out var segment) && segment.Array is not null
            ? new CodedInputStream(segment.Array, segment.Offset, segment.Count)
            : new CodedInputStream(bytes.ToByteArray());
    }

    internal static void Expect(WireType actual, WireType expected, string name)
    {
        if (actual != expected)
            throw new ProtobufDecodeException($"field \"{name}\" has wire type {actual}, expected {expected}");
    }

    static T ExpectThen<T>(WireType actual, WireType expected, string name, Func<T> read)
    {
        Expect(actual, expected, name);
        return read();
    }

    readonly record struct Field(string Name, SchemaNode Schema, bool OmitZero, bool Embedded);
}

/// <summary>The apimachinery messages that become JSON scalars (or raw JSON).</summary>
internal static class ApimachineryMessages
{
    /// <summary>metav1.Time/MicroTime {1 seconds, 2 nanos}; the zero time (how Go writes an unset Time) is absent.</summary>
    public static JsonNode? ReadTime(CodedInputStream input, bool micro)
    {
        long seconds = 0;
        int nanos = 0;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1: seconds = input.ReadInt64(); break;
                case 2: nanos = input.ReadInt32(); break;
                default: input.SkipLastField(); break;
            }
        }
        if (seconds == 0 && nanos == 0) return null;
        var time = DateTimeOffset.FromUnixTimeSeconds(seconds).AddTicks(nanos / 100);
        return micro ? KubeJson.FormatMicroTime(time) : KubeJson.FormatTime(time);
    }

    /// <summary>intstr.IntOrString {1 type (0 int, 1 string), 2 intVal, 3 strVal}.</summary>
    public static JsonNode ReadIntOrString(CodedInputStream input)
    {
        long type = 0;
        var intVal = 0;
        var strVal = "";
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1: type = input.ReadInt64(); break;
                case 2: intVal = input.ReadInt32(); break;
                case 3: strVal = input.ReadString(); break;
                default: input.SkipLastField(); break;
            }
        }
        return type == 1 ? JsonValue.Create(strVal)! : JsonValue.Create(intVal);
    }

    /// <summary>resource.Quantity {1 string}.</summary>
    public static JsonNode ReadQuantity(CodedInputStream input)
    {
        var text = "";
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == 1) text = input.ReadString();
            else input.SkipLastField();
        }
        return JsonValue.Create(text)!;
    }

    /// <summary>runtime.RawExtension / metav1.FieldsV1 {1 raw}: the raw bytes are JSON.</summary>
    public static JsonNode? ReadRawJson(CodedInputStream input, string name)
    {
        ReadOnlyMemory<byte> raw = default;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == 1) raw = input.ReadBytes().Memory;
            else input.SkipLastField();
        }
        if (raw.IsEmpty) return null;
        try
        {
            return JsonNode.Parse(raw.Span);
        }
        catch (JsonException e)
        {
            throw new ProtobufDecodeException($"field \"{name}\" holds raw bytes that are not JSON: {e.Message}");
        }
    }
}
