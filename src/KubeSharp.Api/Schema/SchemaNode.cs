namespace KubeSharp.Api.Schema;

/// <summary>
/// One node of a structural schema: the single description of a type's shape that the API server uses
/// for OpenAPI documents, unknown-field detection, protobuf decoding, strategic merge patch and
/// server-side apply. Built from the typed model for built-in kinds and from openAPIV3Schema for CRDs.
/// </summary>
public sealed class SchemaNode
{
    /// <summary>"object", "array", "string", "integer", "number", "boolean", or null for anything.</summary>
    public string? Type { get; set; }
    public string? Format { get; set; }
    public string? Description { get; set; }

    /// <summary>Name of the definition in OpenAPI (e.g. "io.k8s.api.core.v1.PodSpec"); null for inline nodes.</summary>
    public string? DefinitionName { get; set; }

    public Dictionary<string, SchemaNode>? Properties { get; set; }
    public List<string>? Required { get; set; }
    public SchemaNode? Items { get; set; }
    /// <summary>For maps: the schema of every value.</summary>
    public SchemaNode? AdditionalProperties { get; set; }

    public bool PreserveUnknownFields { get; set; }
    public bool IntOrString { get; set; }
    public bool EmbeddedResource { get; set; }
    /// <summary>Allowed values; strings as they are, other JSON values in their JSON text ("1", "true").</summary>
    public List<string>? Enum { get; set; }
    /// <summary>OpenAPI <c>nullable</c> (custom resources): null is kept rather than pruned.</summary>
    public bool Nullable { get; set; }
    /// <summary>OpenAPI <c>default</c> (custom resources); applied by defaulting, never shared-mutated.</summary>
    public System.Text.Json.Nodes.JsonNode? Default { get; set; }

    // Strategic merge patch.
    public string? PatchStrategy { get; set; }
    public string? PatchMergeKey { get; set; }

    // Server-side apply.
    public string? ListType { get; set; }
    public List<string>? ListMapKeys { get; set; }
    public string? MapType { get; set; }

    // Protobuf decoding: field number within the parent message, and how the value is encoded.
    public int ProtoNumber { get; set; }
    public ProtoKind ProtoKind { get; set; }

    /// <summary>
    /// Non-zero for a field of an embedded Go struct: JSON inlines it, but on the protobuf wire it sits in
    /// a nested message at this field number of the parent, where it is field <see cref="ProtoNumber"/>.
    /// </summary>
    public int ProtoEmbeddedNumber { get; set; }

    /// <summary>
    /// The upstream Go field is not a pointer, so its zero value (0, false, empty IntOrString) is always on
    /// the protobuf wire and means "unset"; the decoder drops it the way JSON's omitempty would.
    /// </summary>
    public bool OmitZero { get; set; }

    /// <summary>Group/version/kind for top-level kinds (OpenAPI x-kubernetes-group-version-kind).</summary>
    public (string Group, string Version, string Kind)? GroupVersionKind { get; set; }

    public SchemaNode? Property(string name) =>
        Properties is not null && Properties.TryGetValue(name, out var p) ? p : null;

    /// <summary>
    /// A copy that shares the nested collections (properties, items, …) but has its own per-use fields
    /// (proto number, description, patch and list metadata): how a property refers to a shared definition.
    /// </summary>
    public SchemaNode ShallowCopy() => (SchemaNode)MemberwiseClone();
}

/// <summary>How a schema node's value appears on the protobuf wire.</summary>
public enum ProtoKind
{
    /// <summary>Follows from Type: string, int64/int32 varint, bool, double, nested message, repeated, map.</summary>
    Default,
    Int32,
    Int64,
    Double,
    Bytes,
    /// <summary>metav1.Time: message { int64 seconds = 1; int32 nanos = 2; }.</summary>
    Time,
    /// <summary>metav1.MicroTime: same wire shape as Time, rendered with microseconds.</summary>
    MicroTime,
    /// <summary>intstr.IntOrString: message { int64 type = 1; int32 intVal = 2; string strVal = 3; }.</summary>
    IntOrString,
    /// <summary>resource.Quantity: message { string string = 1; }.</summary>
    Quantity,
    /// <summary>runtime.RawExtension: message { bytes raw = 1; } holding JSON.</summary>
    RawExtension,
}
