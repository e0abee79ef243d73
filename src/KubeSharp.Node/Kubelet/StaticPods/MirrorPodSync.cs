using System.Text.Json.Nodes;
using KubeSharp.Api.Errors;
using KubeSharp.Api.Model;
using DeleteOptions = KubeSharp.Client.DeleteOptions;
using KubeSharp.Api.Model.Core;
using KubeSharp.Api.Resources;
using KubeSharp.Client;
using Microsoft.Extensions.Logging;

namespace KubeSharp.Node.Kubelet.StaticPods;

/// <summary>
/// Keeps one mirror pod in the API per static pod, as the kubelet's mirror client does: a copy of the static pod with
/// <c>kubernetes.io/config.mirror</c> set to its hash and the Node as owner. A mirror that is being deleted, or that
/// mirrors another version of the pod, is deleted at once and created again; mirrors of static pods that are gone are
/// deleted. The mirror only reflects the pod: deleting it never touches the containers.
/// </summary>
public sealed class MirrorPodSync(IApiClient api, string nodeName, ILogger log)
{
    static readonly GroupVersionResource Nodes = new("", "v1", "nodes");

    public async Task SyncAsync(IReadOnlyCollection<Pod> staticPods, CancellationToken ct)
    {
        var wanted = staticPods.ToDictionary(p => (p.Metadata.Namespace ?? "default", p.Metadata.Name ?? ""));
        var existing = await api.ListAsync(NodeAgentResources.Pods, null, new ListOptions { FieldSelector = "spec.nodeName=" + nodeName }, ct);
        var taken = new HashSet<(string, string)>();
        foreach (var pod in existing.Items)
        {
            var key = ((string?)pod["metadata"]?["namespace"] ?? "", (string?)pod["metadata"]?["name"] ?? "");
            if (!StaticPodFactory.IsMirror(pod))
            {
                taken.Add(key);
                continue;
            }
            var current = wanted.TryGetValue(key, out var want)
                && (string?)pod["metadata"]?["annotations"]?[StaticPodFactory.MirrorAnnotation] == Hash(want)
                && pod["metadata"]?["deletionTimestamp"] is null;
            if (current)
            {
                taken.Add(key);
                continue;
            }
            try
            {
                await api.DeleteAsync(NodeAgentResources.Pods, key.Item1, key.Item2,
                    new DeleteOptions { GracePeriodSeconds = 0, PreconditionUid = (string?)pod["metadata"]?["uid"] }, ct);
                log.LogInformation("deleted mirror pod {Namespace}/{Name}", key.Item1, key.Item2);
            }
            catch (StatusError e) when (e.Code is 404 or 409) { }
        }

        string? nodeUid = null;
        foreach (var (key, pod) in wanted)
        {
            if (taken.Contains(key)) continue;
            nodeUid ??= await NodeUidAsync(ct);
            try
            {
                await api.CreateAsync(NodeAgentResources.Pods, key.Item1, Build(pod, nodeName, nodeUid), ct: ct);
                log.LogInformation("created mirror pod {Namespace}/{Name} for static pod {Uid}", key.Item1, key.Item2, pod.Metadata.Uid);
            }
            catch (StatusError e) when (e.Code == 409)
            {
                // A pod of that name that is no mirror (or a mirror created meanwhile): upstream leaves it alone too.
            }
            catch (StatusError e) when (e.Code is 404 or 403 or 422)
            {
                log.LogWarning("cannot create mirror pod {Namespace}/{Name}: {Error}", key.Item1, key.Item2, e.Message);
            }
        }
    }

    /// <summary>The API object mirroring a static pod.</summary>
    public static JsonObject Build(Pod staticPod, string nodeName, string? nodeUid)
    {
        var mirror = KubeJson.ToObject(staticPod with { Status = null });
        var metadata = (JsonObject)mirror["metadata"]!;
        foreach (var field in (ReadOnlySpan<string>)["uid", "resourceVersion", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds"])
            metadata.Remove(field);
        var annotations = metadata["annotations"] as JsonObject ?? new JsonObject();
        annotations[StaticPodFactory.MirrorAnnotation] = Hash(staticPod);
        metadata["annotations"] = annotations;
        if (nodeUid is not null)
        {
            metadata["ownerReferences"] = new JsonArray(new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Node",
                ["name"] = nodeName,
                ["uid"] = nodeUid,
            });
        }
        mirror.Remove("status");
        return mirror;
    }

    static string Hash(Pod staticPod) => staticPod.Metadata.Annotations?.GetValueOrDefault(StaticPodFactory.HashAnnotation) ?? staticPod.Metadata.Uid ?? "";

    async Task<string?> NodeUidAsync(CancellationToken ct)
    {
        try { return (string?)(await api.GetAsync(Nodes, null, nodeName, ct: ct))["metadata"]?["uid"]; }
        catch (StatusError e) when (e.Code == 404) { return null; }
    }
}
