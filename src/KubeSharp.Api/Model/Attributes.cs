namespace KubeSharp.Api.Model;

/// <summary>
/// The field number of this property in upstream's generated.proto, so that protobuf request
/// bodies (which kubectl sends for typed calls) can be decoded into JSON.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ProtoAttribute(int number) : Attribute
{
    public int Number { get; } = number;
}

/// <summary>
/// Strategic-merge-patch metadata (upstream's <c>patchStrategy</c>/<c>patchMergeKey</c> struct tags).
/// Strategy is "merge", "replace", "retainKeys" or "merge,retainKeys".
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PatchAttribute(string strategy) : Attribute
{
    public string Strategy { get; } = strategy;
    public string? MergeKey { get; init; }
}

/// <summary>
/// Server-side-apply list semantics (upstream's <c>+listType</c>/<c>+listMapKey</c>):
/// "atomic", "set" or "map" with the given keys.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ListTypeAttribute(string listType, params string[] mapKeys) : Attribute
{
    public string ListType { get; } = listType;
    public IReadOnlyList<string> MapKeys { get; } = mapKeys;
}

/// <summary>Server-side-apply map/struct semantics (<c>+mapType</c>/<c>+structType</c>): "atomic" or "granular".</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Class)]
public sealed class MapTypeAttribute(string mapType) : Attribute
{
    public string MapType { get; } = mapType;
}

/// <summary>Marks a property the API server requires (OpenAPI <c>required</c>).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class RequiredFieldAttribute : Attribute;

/// <summary>Marks a string property holding a timestamp with microsecond precision (MicroTime).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MicroTimeAttribute : Attribute;

/// <summary>Marks a property whose content is free-form JSON (RawExtension, JSONSchemaProps, …).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PreserveUnknownFieldsAttribute : Attribute;

/// <summary>The group, version and kind a top-level model type is served as; the schema catalog finds types by it.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class KindAttribute(string group, string version, string kind) : Attribute
{
    public string Group { get; } = group;
    public string Version { get; } = version;
    public string Kind { get; } = kind;
}

/// <summary>
/// The property comes from a Go struct that its parent embeds: JSON inlines the embedded fields, but the
/// protobuf wire nests them in a message at field <see cref="EmbeddedNumber"/> of the parent, where the
/// property is field <see cref="Number"/>. (Volume embeds VolumeSource at 2, Probe embeds ProbeHandler at 1,
/// selectors embed LocalObjectReference at 1.) Such properties carry no <see cref="ProtoAttribute"/>, so a
/// decoder that does not know this attribute skips them instead of misreading the nested message.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ProtoEmbeddedAttribute(int embeddedNumber, int number) : Attribute
{
    public int EmbeddedNumber { get; } = embeddedNumber;
    public int Number { get; } = number;
}
