using System.Text.Json.Nodes;

namespace KubeSharp.ApiServer.Patch;

/// <summary>
/// The outcome of a server-side apply: the new object (with its managedFields) when it succeeded, or the
/// conflicts that stopped it.
/// </summary>
public sealed record ApplyResult
{
    /// <summary>The merged object with updated <c>metadata.managedFields</c>; null when there are conflicts.</summary>
    public JsonObject? Object { get; init; }

    public IReadOnlyList<ApplyConflict> Conflicts { get; init; } = [];

    public bool HasConflicts => Conflicts.Count > 0;

    /// <summary>Whether anything but managedFields differs from the live object.</summary>
    public bool Changed { get; init; }

    /// <summary>Upstream's 409 message for the conflicts.</summary>
    public string ConflictMessage => ApplyConflictMessage.Format(Conflicts);
}
