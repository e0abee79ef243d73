using System.Text.Json.Nodes;
using KubeSharp.Api.Resources;

namespace KubeSharp.ApiServer.Registry;

/// <summary>Keeps metadata.managedFields current for every write, and merges server-side apply requests.</summary>
public interface IFieldManager
{
    /// <summary>Records the fields an ordinary write changed under <paramref name="manager"/>.</summary>
    void TrackUpdate(ResourceDefinition def, JsonObject? old, JsonObject updated, string manager, string operation, string? subresource, DateTimeOffset now);

    /// <summary>Merges an applied configuration into the live object (null when creating); throws 409 on conflicts unless forced.</summary>
    JsonObject Apply(ResourceDefinition def, JsonObject? live, JsonObject applied, string manager, bool force, string? subresource, DateTimeOffset now);
}
