using System.Text.Json.Nodes;
using KubeSharp.Api.Resources;

namespace KubeSharp.Client;

/// <summary>Options of a list or watch, as the query parameters of upstream's ListOptions.</summary>
public sealed record ListOptions
{
    public string? LabelSelector { get; init; }
    public string? FieldSelector { get; init; }
    public string? ResourceVersion { get; init; }
    /// <summary>"NotOlderThan" or "Exact"; null = upstream's default.</summary>
    public string? ResourceVersionMatch { get; init; }
    public int Limit { get; init; }
    public string? Continue { get; init; }
    public bool AllowWatchBookmarks { get; init; }
    public int? TimeoutSeconds { get; init; }
    public bool SendInitialEvents { get; init; }
}

public sealed record ObjectList(IReadOnlyList<JsonObject> Items, string ResourceVersion, string? Continue, long? RemainingItemCount = null);

/// <summary>One watch event: ADDED, MODIFIED, DELETED, BOOKMARK or ERROR (with a Status object).</summary>
public sealed record WatchEvent(string Type, JsonObject Object);

public enum PatchType { Json, Merge, StrategicMerge, Apply }

public sealed record WriteOptions
{
    public string? FieldManager { get; init; }
    public bool DryRun { get; init; }
    /// <summary>"Strict", "Warn" or "Ignore".</summary>
    public string? FieldValidation { get; init; }
    /// <summary>Server-side apply: take ownership of conflicting fields.</summary>
    public bool Force { get; init; }
}

public sealed record DeleteOptions
{
    public long? GracePeriodSeconds { get; init; }
    /// <summary>"Background", "Foreground" or "Orphan".</summary>
    public string? PropagationPolicy { get; init; }
    public string? PreconditionUid { get; init; }
    public string? PreconditionResourceVersion { get; init; }
    public bool DryRun { get; init; }
}

/// <summary>
/// The untyped Kubernetes API as every component sees it. The in-process implementation calls the API
/// server's registry directly; the HTTPS implementation speaks the REST protocol. Failures are thrown as
/// <see cref="KubeSharp.Api.Errors.StatusError"/>.
/// </summary>
public interface IApiClient
{
    Task<JsonObject> GetAsync(GroupVersionResource gvr, string? ns, string name, string? subresource = null, CancellationToken ct = default);

    Task<ObjectList> ListAsync(GroupVersionResource gvr, string? ns, ListOptions? options = null, CancellationToken ct = default);

    /// <summary>Events until the server ends the watch (timeout) or the token is cancelled.</summary>
    IAsyncEnumerable<WatchEvent> WatchAsync(GroupVersionResource gvr, string? ns, ListOptions options, CancellationToken ct = default);

    Task<JsonObject> CreateAsync(GroupVersionResource gvr, string? ns, JsonObject obj, string? subresource = null, WriteOptions? options = null, CancellationToken ct = default);

    Task<JsonObject> UpdateAsync(GroupVersionResource gvr, string? ns, JsonObject obj, string? subresource = null, WriteOptions? options = null, CancellationToken ct = default);

    Task<JsonObject> PatchAsync(GroupVersionResource gvr, string? ns, string name, PatchType type, string patch, string? subresource = null, WriteOptions? options = null, CancellationToken ct = default);

    /// <summary>Returns the object as it is after the call: still present (with deletionTimestamp) or last seen, or a Status.</summary>
    Task<JsonObject> DeleteAsync(GroupVersionResource gvr, string? ns, string name, DeleteOptions? options = null, CancellationToken ct = default);
}
