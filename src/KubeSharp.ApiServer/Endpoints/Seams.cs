using System.Text.Json.Nodes;
using KubeSharp.Api.Resources;
using KubeSharp.ApiServer.Registry;
using Microsoft.AspNetCore.Http;

namespace KubeSharp.ApiServer.Endpoints;

/// <summary>Renders lists, objects and watch events as meta.k8s.io/v1 Tables for kubectl get.</summary>
public interface ITableRenderer
{
    /// <summary>Writes a Table for the items; <paramref name="includeObject"/> is None, Metadata (default) or Object.</summary>
    Task WriteTableAsync(HttpContext http, ResourceDefinition def, IReadOnlyList<JsonObject> items, string resourceVersion, string? continueToken, string includeObject, bool includeColumns);

    /// <summary>A one-row Table for a watch event; column definitions only when asked (upstream sends them once).</summary>
    JsonObject RowTable(ResourceDefinition def, JsonObject item, string includeObject, bool includeColumns);
}

/// <summary>Applies JSON, merge and strategic merge patches to an object.</summary>
public interface IPatchApplier
{
    JsonObject Apply(ResourceDefinition def, string mediaType, JsonObject current, byte[] patch);
}

/// <summary>Knows the structural schema of each kind: finds unknown fields and checks custom resources.</summary>
public interface ISchemaChecks
{
    /// <summary>Paths of fields the schema does not know, formatted as upstream's strict decoder ("spec.foo").</summary>
    IReadOnlyList<string> UnknownFields(ResourceDefinition def, JsonObject obj);

    /// <summary>Rejects values of the wrong type (a number where a string belongs) with a 400, as upstream's decoder does.</summary>
    void CheckTypes(ResourceDefinition def, JsonObject obj);
}
