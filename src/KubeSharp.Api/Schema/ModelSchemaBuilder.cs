using System.Collections;
using System.ComponentModel;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using KubeSharp.Api.Model;

namespace KubeSharp.Api.Schema;

/// <summary>
/// Turns the typed model records into <see cref="SchemaNode"/> trees by reflection. Every record type
/// becomes one shared definition node (so recursive types end in a cycle of references, not a loop);
/// a property that uses a definition gets a shallow copy carrying its own proto number, description and
/// patch metadata. Not thread-safe: build everything up front, then share the nodes read-only.
/// </summary>
public sealed class ModelSchemaBuilder
{
    readonly Dictionary<Type, SchemaNode> _byType = [];
    readonly Dictionary<string, SchemaNode> _definitions = new(StringComparer.Ordinal);
    readonly ModelGroupVersions _groupVersions;
    readonly JsonNamingPolicy _naming;

    /// <param name="kindTypes">Types carrying <see cref="KindAttribute"/>; their namespaces tell which group and version the other types in them belong to.</param>
    public ModelSchemaBuilder(IEnumerable<Type>? kindTypes = null)
    {
        _groupVersions = new ModelGroupVersions(kindTypes ?? []);
        _naming = KubeJson.Options.PropertyNamingPolicy ?? JsonNamingPolicy.CamelCase;
        foreach (var node in PrimitiveDefinitions.Create()) _definitions[node.DefinitionName!] = node;
    }

    /// <summary>Every definition built so far, by name.</summary>
    public IReadOnlyDictionary<string, SchemaNode> Definitions => _definitions;

    /// <summary>The shared definition node of a record type (or a fresh node for a scalar, list or map type).</summary>
    public SchemaNode Build(Type type) => NodeForType(type, property: null);

    /// <summary>The OpenAPI name the type is published under, e.g. "io.k8s.api.core.v1.PodSpec".</summary>
    public string DefinitionName(Type type)
    {
        var (group, version) = _groupVersions.For(type);
        return DefinitionNames.Package(group, version) + "." + TypeName(type);
    }

    SchemaNode NodeForType(Type type, PropertyInfo? property)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        var microTime = property?.GetCustomAttribute<MicroTimeAttribute>() is not null;

        if (t == typeof(string)) return microTime ? _definitions[DefinitionNames.MicroTime] : new SchemaNode { Type = "string" };
        if (t == typeof(bool)) return new SchemaNode { Type = "boolean" };
        if (t == typeof(int) || t == typeof(short) || t == typeof(ushort) || t == typeof(sbyte) || t == typeof(byte))
            return new SchemaNode { Type = "integer", Format = "int32", ProtoKind = ProtoKind.Int32 };
        if (t == typeof(long) || t == typeof(uint) || t == typeof(ulong))
            return new SchemaNode { Type = "integer", Format = "int64", ProtoKind = ProtoKind.Int64 };
        if (t == typeof(double) || t == typeof(float) || t == typeof(decimal))
            return new SchemaNode { Type = "number", Format = "double", ProtoKind = ProtoKind.Double };
        if (t == typeof(byte[]) || t == typeof(ReadOnlyMemory<byte>))
            return new SchemaNode { Type = "string", Format = "byte", ProtoKind = ProtoKind.Bytes };
        if (t == typeof(DateTimeOffset) || t == typeof(DateTime))
            return _definitions[microTime ? DefinitionNames.MicroTime : DefinitionNames.Time];
        if (t == typeof(IntOrString)) return _definitions[DefinitionNames.IntOrString];
        if (t == typeof(Quantity)) return _definitions[DefinitionNames.Quantity];
        if (typeof(JsonNode).IsAssignableFrom(t) || t == typeof(JsonElement) || t == typeof(object))
        {
            // Free-form JSON: on the protobuf wire a RawExtension-shaped message holding JSON bytes.
            return new SchemaNode
            {
                Type = t == typeof(JsonObject) ? "object" : null,
                PreserveUnknownFields = true,
                ProtoKind = ProtoKind.RawExtension,
            };
        }
        if (t.IsEnum) return new SchemaNode { Type = "string", Enum = [.. EnumNames(t)] };
        if (MapValueType(t) is { } valueType)
            return new SchemaNode { Type = "object", AdditionalProperties = NodeForType(valueType, null) };
        if (ElementType(t) is { } elementType)
            return new SchemaNode { Type = "array", Items = NodeForType(elementType, null) };
        return ObjectNode(t);
    }

    SchemaNode ObjectNode(Type t)
    {
        if (_byType.TryGetValue(t, out var existing)) return existing;

        var kind = t.GetCustomAttribute<KindAttribute>(inherit: false);
        var node = new SchemaNode
        {
            Type = "object",
            DefinitionName = DefinitionName(t),
            Description = t.GetCustomAttribute<DescriptionAttribute>()?.Description,
            MapType = t.GetCustomAttribute<MapTypeAttribute>()?.MapType,
            GroupVersionKind = kind is null ? null : (kind.Group, kind.Version, kind.Kind),
            // Created before the properties so that copies made while recursing share them.
            Properties = new Dictionary<string, SchemaNode>(StringComparer.Ordinal),
            Required = [],
        };
        _byType[t] = node;
        _definitions.TryAdd(node.DefinitionName, node);

        foreach (var property in SerializedProperties(t))
        {
            if (property.GetCustomAttribute<JsonExtensionDataAttribute>() is not null)
            {
                node.PreserveUnknownFields = true;
                continue;
            }
            var name = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? _naming.ConvertName(property.Name);
            node.Properties[name] = PropertyNode(property);
            if (property.GetCustomAttribute<RequiredFieldAttribute>() is not null) node.Required.Add(name);
        }
        if (node.Required.Count == 0) node.Required = null;
        return node;
    }

    SchemaNode PropertyNode(PropertyInfo property)
    {
        var node = NodeForType(property.PropertyType, property);
        if (node.DefinitionName is not null)
        {
            node = node.ShallowCopy();
            node.Description = null;
        }

        node.Description = property.GetCustomAttribute<DescriptionAttribute>()?.Description ?? node.Description;
        node.ProtoNumber = property.GetCustomAttribute<ProtoAttribute>()?.Number ?? 0;
        node.ProtoEmbeddedNumber = 0;
        if (property.GetCustomAttribute<ProtoEmbeddedAttribute>() is { } embedded)
        {
            node.ProtoNumber = embedded.Number;
            node.ProtoEmbeddedNumber = embedded.EmbeddedNumber;
        }
        if (property.GetCustomAttribute<PatchAttribute>() is { } patch)
        {
            node.PatchStrategy = patch.Strategy;
            node.PatchMergeKey = patch.MergeKey;
        }
        if (property.GetCustomAttribute<ListTypeAttribute>() is { } listType)
        {
            node.ListType = listType.ListType;
            node.ListMapKeys = listType.MapKeys.Count > 0 ? [.. listType.MapKeys] : null;
        }
        if (property.GetCustomAttribute<MapTypeAttribute>() is { } mapType) node.MapType = mapType.MapType;
        if (property.GetCustomAttribute<PreserveUnknownFieldsAttribute>() is not null) node.PreserveUnknownFields = true;
        node.OmitZero = IsNonNullableScalar(property.PropertyType);
        return node;
    }

    /// <summary>Public instance properties, base types first, skipping ones the serializer ignores.</summary>
    static IEnumerable<PropertyInfo> SerializedProperties(Type t)
    {
        var chain = new List<Type>();
        for (var c = t; c is not null && c != typeof(object) && c != typeof(ValueType); c = c.BaseType) chain.Add(c);
        chain.Reverse();

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<PropertyInfo>();
        foreach (var type in chain)
        {
            foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                if (p.GetIndexParameters().Length > 0 || p.GetMethod is not { IsPublic: true }) continue;
                if (p.GetCustomAttribute<JsonIgnoreAttribute>() is { Condition: JsonIgnoreCondition.Always }) continue;
                if (seen.Add(p.Name)) result.Add(p);
                else result[result.FindIndex(r => r.Name == p.Name)] = p;
            }
        }
        return result;
    }

    /// <summary>Non-nullable value types mirror Go's non-pointer fields, whose zero the wire always carries.</summary>
    static bool IsNonNullableScalar(Type t) =>
        Nullable.GetUnderlyingType(t) is null
        && (t == typeof(int) || t == typeof(long) || t == typeof(bool) || t == typeof(double) || t == typeof(float)
            || t == typeof(short) || t == typeof(uint) || t == typeof(ulong) || t == typeof(IntOrString));

    static Type? MapValueType(Type t)
    {
        foreach (var i in t.IsInterface ? [t, .. t.GetInterfaces()] : t.GetInterfaces())
        {
            if (!i.IsGenericType) continue;
            var def = i.GetGenericTypeDefinition();
            if ((def == typeof(IDictionary<,>) || def == typeof(IReadOnlyDictionary<,>)) && i.GetGenericArguments()[0] == typeof(string))
                return i.GetGenericArguments()[1];
        }
        return null;
    }

    static Type? ElementType(Type t)
    {
        if (t.IsArray) return t.GetElementType();
        if (!typeof(IEnumerable).IsAssignableFrom(t)) return null;
        foreach (var i in t.IsInterface ? [t, .. t.GetInterfaces()] : t.GetInterfaces())
            if (i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>)) return i.GetGenericArguments()[0];
        return null;
    }

    static IEnumerable<string> EnumNames(Type t) =>
        t.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? f.Name);

    static string TypeName(Type t)
    {
        if (!t.IsGenericType) return t.Name;
        var name = t.Name[..t.Name.IndexOf('`')];
        return name + string.Concat(t.GetGenericArguments().Select(TypeName));
    }
}
