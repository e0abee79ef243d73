using System.Text.Json.Nodes;
using KubeSharp.Api.Resources;
using KubeSharp.Client;
using KubeSharp.Controllers.ReplicaSet;

namespace KubeSharp.Controllers.Deployment;

/// <summary>
/// A ReplicaSet as the Deployment controller reasons about it: the latest JSON it has (the cached copy,
/// or the server's answer after this controller changed it) and the fields the rollout math reads.
/// </summary>
public sealed class ReplicaSetView(JsonObject json)
{
    public JsonObject Json { get; set; } = json;

    public string Name => JsonMeta.Name(Json) ?? "";
    public string Namespace => JsonMeta.Namespace(Json) ?? "";
    public string Uid => JsonMeta.Uid(Json) ?? "";
    public int Replicas => ObjectFields.Int(Json["spec"]?["replicas"]) ?? 1;
    public int StatusReplicas => ObjectFields.Int(Json["status"]?["replicas"]) ?? 0;
    public int ReadyReplicas => ObjectFields.Int(Json["status"]?["readyReplicas"]) ?? 0;
    public int AvailableReplicas => ObjectFields.Int(Json["status"]?["availableReplicas"]) ?? 0;
    public int MinReadySeconds => ObjectFields.Int(Json["spec"]?["minReadySeconds"]) ?? 0;
    public long Generation => ObjectFields.Generation(Json);
    public long ObservedGeneration => ObjectFields.Long(Json["status"]?["observedGeneration"]) ?? 0;
    public bool Deleting => ObjectFields.IsDeleting(Json);
    public DateTimeOffset Created => ObjectFields.CreationTimestamp(Json) ?? DateTimeOffset.MinValue;
    public JsonNode? Template => Json["spec"]?["template"];
    public Dictionary<string, string> Annotations => new(ObjectFields.StringMap(Json["metadata"]?["annotations"]), StringComparer.Ordinal);

    /// <summary>The revision annotation; null when it is not a number (such ReplicaSets are skipped when counting revisions).</summary>
    public long? Revision => RevisionAnnotations.ParseRevision(Annotations);

    /// <summary>Upstream's ReplicaSetsByCreationTimestamp: oldest first, then by name.</summary>
    public static int ByCreation(ReplicaSetView a, ReplicaSetView b)
    {
        var c = a.Created.CompareTo(b.Created);
        return c != 0 ? c : string.CompareOrdinal(a.Name, b.Name);
    }

    /// <summary>Upstream's ReplicaSetsByRevision: lowest revision first, creation order for ties.</summary>
    public static int ByRevision(ReplicaSetView a, ReplicaSetView b)
    {
        if (a.Revision is { } ra && b.Revision is { } rb && ra != rb) return ra.CompareTo(rb);
        return ByCreation(a, b);
    }

    /// <summary>Larger first; among equals the newer first (scaling up).</summary>
    public static int BySizeNewer(ReplicaSetView a, ReplicaSetView b) =>
        a.Replicas != b.Replicas ? b.Replicas.CompareTo(a.Replicas) : ByCreation(b, a);

    /// <summary>Larger first; among equals the older first (scaling down).</summary>
    public static int BySizeOlder(ReplicaSetView a, ReplicaSetView b) =>
        a.Replicas != b.Replicas ? b.Replicas.CompareTo(a.Replicas) : ByCreation(a, b);
}
