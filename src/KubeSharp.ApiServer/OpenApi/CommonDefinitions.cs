using KubeSharp.Api.Schema;

namespace KubeSharp.ApiServer.OpenApi;

/// <summary>
/// The meta.k8s.io definitions that operations refer to (patch bodies, delete options, status replies).
/// Used only when the model does not define them itself; fresh nodes per build, never shared.
/// </summary>
internal static class CommonDefinitions
{
    public const string Scale = "io.k8s.api.autoscaling.v1.Scale";

    public static SchemaNode? Create(string name) => name switch
    {
        DefinitionNames.Patch => new SchemaNode
        {
            Type = "object",
            DefinitionName = name,
            Description = "The body of a PATCH request; its format follows the request's content type.",
        },
        DefinitionNames.DeleteOptions => new SchemaNode
        {
            Type = "object",
            DefinitionName = name,
            Description = "Options for a delete request.",
            Properties = new Dictionary<string, SchemaNode>(StringComparer.Ordinal)
            {
                ["apiVersion"] = new() { Type = "string", Description = TypeMetaDescriptions.ApiVersion },
                ["dryRun"] = new() { Type = "array", Items = new SchemaNode { Type = "string" }, Description = "When present, the deletion is checked but not persisted. The only valid value is All." },
                ["gracePeriodSeconds"] = new() { Type = "integer", Format = "int64", Description = "Seconds the object has to terminate gracefully; zero deletes at once." },
                ["kind"] = new() { Type = "string", Description = TypeMetaDescriptions.Kind },
                ["orphanDependents"] = new() { Type = "boolean", Description = "Deprecated: use propagationPolicy." },
                ["preconditions"] = new()
                {
                    Type = "object",
                    Description = "Conditions that must hold for the deletion to proceed.",
                    Properties = new Dictionary<string, SchemaNode>(StringComparer.Ordinal)
                    {
                        ["resourceVersion"] = new() { Type = "string", Description = "The object's expected resource version." },
                        ["uid"] = new() { Type = "string", Description = "The object's expected UID." },
                    },
                },
                ["propagationPolicy"] = new() { Type = "string", Description = "How dependents are collected: Orphan, Background or Foreground." },
            },
        },
        DefinitionNames.Status => new SchemaNode
        {
            Type = "object",
            DefinitionName = name,
            Description = "The result of an operation that does not return an object.",
            Properties = new Dictionary<string, SchemaNode>(StringComparer.Ordinal)
            {
                ["apiVersion"] = new() { Type = "string", Description = TypeMetaDescriptions.ApiVersion },
                ["code"] = new() { Type = "integer", Format = "int32", Description = "The HTTP status code." },
                ["details"] = new() { Type = "object", PreserveUnknownFields = true, Description = "Extended data about the reason." },
                ["kind"] = new() { Type = "string", Description = TypeMetaDescriptions.Kind },
                ["message"] = new() { Type = "string", Description = "A human-readable description of the outcome." },
                ["metadata"] = new() { Type = "object", PreserveUnknownFields = true, Description = "Standard list metadata." },
                ["reason"] = new() { Type = "string", Description = "A machine-readable reason for a failure." },
                ["status"] = new() { Type = "string", Description = "Success or Failure." },
            },
        },
        Scale => new SchemaNode
        {
            Type = "object",
            DefinitionName = name,
            Description = "The scale of a resource: desired replicas in spec, observed ones in status.",
            Properties = new Dictionary<string, SchemaNode>(StringComparer.Ordinal)
            {
                ["apiVersion"] = new() { Type = "string", Description = TypeMetaDescriptions.ApiVersion },
                ["kind"] = new() { Type = "string", Description = TypeMetaDescriptions.Kind },
                ["metadata"] = new() { Type = "object", PreserveUnknownFields = true, Description = TypeMetaDescriptions.Metadata },
                ["spec"] = new()
                {
                    Type = "object",
                    Description = "The desired scale.",
                    Properties = new Dictionary<string, SchemaNode>(StringComparer.Ordinal)
                    {
                        ["replicas"] = new() { Type = "integer", Format = "int32", Description = "The desired number of instances." },
                    },
                },
                ["status"] = new()
                {
                    Type = "object",
                    Description = "The observed scale.",
                    Properties = new Dictionary<string, SchemaNode>(StringComparer.Ordinal)
                    {
                        ["replicas"] = new() { Type = "integer", Format = "int32", Description = "The observed number of instances." },
                        ["selector"] = new() { Type = "string", Description = "The label selector of the instances, in string form." },
                    },
                },
            },
        },
        _ => null,
    };
}
