namespace KubeSharp.Api.Schema;

/// <summary>
/// The apimachinery types that serialise as a JSON scalar but are published as definitions of their own
/// and have a message shape on the protobuf wire.
/// </summary>
internal static class PrimitiveDefinitions
{
    /// <summary>Fresh nodes each call: every builder owns its own graph.</summary>
    public static IEnumerable<SchemaNode> Create() =>
    [
        new SchemaNode
        {
            DefinitionName = DefinitionNames.Time,
            Type = "string",
            Format = "date-time",
            ProtoKind = ProtoKind.Time,
            Description = "A timestamp in RFC 3339 form with second precision, always in UTC.",
        },
        new SchemaNode
        {
            DefinitionName = DefinitionNames.MicroTime,
            Type = "string",
            Format = "date-time",
            ProtoKind = ProtoKind.MicroTime,
            Description = "A timestamp in RFC 3339 form with microsecond precision, always in UTC.",
        },
        new SchemaNode
        {
            DefinitionName = DefinitionNames.IntOrString,
            Type = "string",
            Format = "int-or-string",
            IntOrString = true,
            ProtoKind = ProtoKind.IntOrString,
            Description = "Either an integer or a string (such as a port name or a percentage); it is kept in the form it was given.",
        },
        new SchemaNode
        {
            DefinitionName = DefinitionNames.Quantity,
            Type = "string",
            ProtoKind = ProtoKind.Quantity,
            Description = "A fixed-point amount with an optional suffix: binary (Ki, Mi, Gi, …), decimal (k, M, G, …) or milli (m), e.g. \"100m\" or \"128Mi\".",
        },
    ];
}
