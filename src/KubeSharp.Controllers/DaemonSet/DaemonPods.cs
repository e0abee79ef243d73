using System.Text.Json.Nodes;
using KubeSharp.Api.Resources;
using KubeSharp.Client;
using KubeSharp.Controllers.History;

namespace KubeSharp.Controllers.DaemonSet;

/// <summary>A daemon set's pods grouped by the node each is for, and the orderings and revision checks over them.</summary>
public static class DaemonPods
{
    /// <summary>Pods by target node (bound node, else the node their affinity names); pods for no node are left out.</summary>
    public static Dictionary<string, List<JsonObject>> ByNode(IEnumerable<JsonObject> pods)
    {
        var byNode = new Dictionary<string, List<JsonObject>>(StringComparer.Ordinal);
        foreach (var pod in pods)
        {
            if (DaemonPodTemplate.TargetNode(pod) is not { } node) continue;
            if (!byNode.TryGetValue(node, out var list)) byNode[node] = list = [];
            list.Add(pod);
        }
        return byNode;
    }

    /// <summary>Oldest first, scheduled pods before unscheduled ones (upstream's podByCreationTimestampAndPhase).</summary>
    public static List<JsonObject> OldestFirst(IEnumerable<JsonObject> pods) =>
        [.. pods.OrderBy(p => JsonFields.Str(p, "spec", "nodeName") is { Length: > 0 } ? 0 : 1)
            .ThenBy(p => JsonFields.Str(p, "metadata", "creationTimestamp") ?? "", StringComparer.Ordinal)
            .ThenBy(p => JsonMeta.Name(p) ?? "", StringComparer.Ordinal)];

    /// <summary>Upstream's IsPodUpdated: the pod carries the current revision hash or template generation.</summary>
    public static bool IsUpdated(JsonObject pod, string hash, string? templateGeneration)
    {
        var labels = JsonMeta.Labels(pod);
        if (labels is null) return false;
        return (hash.Length > 0 && labels.GetValueOrDefault(ControllerRevisionHash.Label) == hash)
            || (templateGeneration is not null && labels.GetValueOrDefault(DaemonPodTemplate.TemplateGenerationLabel) == templateGeneration);
    }

    public static string? TemplateGeneration(JsonObject daemonSet) =>
        JsonFields.Str(daemonSet, "metadata", "annotations", DaemonPodTemplate.TemplateGenerationAnnotation);

    /// <summary>
    /// The one updated and the one old live pod on a node; false when there are several of either (the
    /// manage pass must clean up first).
    /// </summary>
    public static bool FindUpdatedOnNode(JsonObject daemonSet, IEnumerable<JsonObject> pods, string hash, out JsonObject? newPod, out JsonObject? oldPod)
    {
        newPod = oldPod = null;
        var generation = TemplateGeneration(daemonSet);
        foreach (var pod in pods)
        {
            if (PodReadiness.IsTerminating(pod)) continue;
            if (IsUpdated(pod, hash, generation))
            {
                if (newPod is not null) return false;
                newPod = pod;
            }
            else
            {
                if (oldPod is not null) return false;
                oldPod = pod;
            }
        }
        return true;
    }
}
