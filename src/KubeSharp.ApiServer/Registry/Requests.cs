using System.Text.Json.Nodes;
using KubeSharp.Api.Resources;

namespace KubeSharp.ApiServer.Registry;

/// <summary>Who is asking: the authenticated user as authentication found it.</summary>
public sealed record UserInfo(string Name, IReadOnlyList<string> Groups)
{
    public static readonly UserInfo System = new("system:apiserver", ["system:masters"]);
}

/// <summary>Options of a write, from the query string (or the in-process client).</summary>
public sealed record WriteParams
{
    public bool DryRun { get; init; }
    public string? FieldManager { get; init; }
    /// <summary>Strict, Warn or Ignore.</summary>
    public string FieldValidation { get; init; } = "Ignore";
    public bool Force { get; init; }
    public UserInfo User { get; init; } = UserInfo.System;

    public static readonly WriteParams Default = new();
}

public sealed record DeleteParams
{
    public long? GracePeriodSeconds { get; init; }
    public string? PropagationPolicy { get; init; }
    public string? PreconditionUid { get; init; }
    public string? PreconditionResourceVersion { get; init; }
    public bool DryRun { get; init; }

    public static readonly DeleteParams Default = new();
}

public sealed record ListParams
{
    public string? LabelSelector { get; init; }
    public string? FieldSelector { get; init; }
    public string? ResourceVersion { get; init; }
    public string? ResourceVersionMatch { get; init; }
    public int Limit { get; init; }
    public string? Continue { get; init; }
}

public sealed record ListResult(IReadOnlyList<CachedObject> Items, long Revision, string? Continue, long? RemainingItemCount);

/// <summary>What admission sees of one write.</summary>
public sealed record AdmissionRequest(
    ResourceDefinition Resource,
    string Operation,
    string? Namespace,
    string? Name,
    string? Subresource,
    JsonObject Object,
    JsonObject? OldObject,
    bool DryRun,
    UserInfo User);

/// <summary>
/// An admission plug-in: may change the object (mutating) and may reject it by throwing a StatusError
/// (validating), as upstream's admission chain. Runs after defaulting, before validation and storage.
/// </summary>
public interface IAdmissionPlugin
{
    ValueTask AdmitAsync(AdmissionRequest request, CancellationToken ct);
}
