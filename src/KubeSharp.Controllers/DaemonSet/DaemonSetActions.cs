using System.Text.Json.Nodes;

namespace KubeSharp.Controllers.DaemonSet;

/// <summary>
/// What one sync decided: nodes to create a daemon pod for, pods to delete, and pods to delete at once
/// (grace period 0) because their node is gone and no kubelet will finish their termination.
/// </summary>
public sealed record DaemonSetActions(IReadOnlyList<string> NodesNeedingPods, IReadOnlyList<JsonObject> PodsToDelete, IReadOnlyList<JsonObject> PodsToForceDelete)
{
    public static DaemonSetActions None { get; } = new([], [], []);

    public bool IsEmpty => NodesNeedingPods.Count == 0 && PodsToDelete.Count == 0 && PodsToForceDelete.Count == 0;
}
