using System.Text.Json.Nodes;
using KubeSharp.Api.Errors;
using KubeSharp.Api.Model;
using KubeSharp.Api.Resources;
using KubeSharp.Client;
using KubeSharp.Client.Cache;
using KubeSharp.Controllers.ReplicaSet;

namespace KubeSharp.Controllers.Disruption;

/// <summary>
/// How many pods a budget's pods' controllers want, as upstream's getExpectedScale: each controller counted
/// once, ReplicaSets of a Deployment counted as the Deployment, anything else with a scale subresource
/// asked through it.
/// </summary>
public sealed class ExpectedScale(IApiClient api, ResourceRegistry? resources, Informer replicaSets, Informer deployments, Informer replicationControllers, Informer statefulSets)
{
    public sealed record Result(int Expected, IReadOnlyList<string> UnmanagedPods);

    /// <exception cref="InvalidOperationException">A pod's controller cannot be found or has no scale.</exception>
    public async Task<Result> ComputeAsync(IReadOnlyList<JsonObject> pods, CancellationToken ct)
    {
        var scales = new Dictionary<string, int>(StringComparer.Ordinal);
        var unmanaged = new List<string>();
        foreach (var pod in pods)
        {
            var owner = ObjectFields.ControllerOf(pod);
            if (owner is null)
            {
                unmanaged.Add(JsonMeta.Name(pod) ?? "");
                continue;
            }
            if (scales.ContainsKey(owner.Uid)) continue;
            var ns = JsonMeta.Namespace(pod) ?? "";
            var (uid, scale) = await FindAsync(ns, owner, ct)
                ?? throw new InvalidOperationException($"found no controllers for pod \"{JsonMeta.Name(pod)}\"");
            scales[uid] = scale;
            // Pods of other ReplicaSets of the same Deployment resolve to the same uid and are skipped above.
            scales.TryAdd(owner.Uid, 0);
        }
        return new Result(scales.Values.Sum(), unmanaged);
    }

    async Task<(string Uid, int Scale)?> FindAsync(string ns, OwnerReference owner, CancellationToken ct)
    {
        switch (owner.Kind)
        {
            case "ReplicaSet" when owner.ApiVersion.StartsWith("apps/", StringComparison.Ordinal):
                if (Get(replicaSets, ns, owner) is not { } rs) return null;
                if (ObjectFields.ControllerOf(rs) is { Kind: "Deployment" } dRef)
                    return Get(deployments, ns, dRef) is { } d ? (dRef.Uid, Replicas(d)) : null;
                return (owner.Uid, Replicas(rs));
            case "ReplicationController" when owner.ApiVersion == "v1":
                return Get(replicationControllers, ns, owner) is { } rc ? (owner.Uid, Replicas(rc)) : null;
            case "StatefulSet" when owner.ApiVersion.StartsWith("apps/", StringComparison.Ordinal):
                return Get(statefulSets, ns, owner) is { } ss ? (owner.Uid, Replicas(ss)) : null;
            default:
                return await ScaleSubresourceAsync(ns, owner, ct);
        }
    }

    async Task<(string Uid, int Scale)?> ScaleSubresourceAsync(string ns, OwnerReference owner, CancellationToken ct)
    {
        var gvk = GroupVersionKind.FromApiVersion(owner.ApiVersion, owner.Kind);
        if (resources?.Find(gvk) is not { } def || !def.Subresources.Contains("scale")) return null;
        try
        {
            var scale = await api.GetAsync(def.Gvr, ns, owner.Name, "scale", ct);
            if (JsonMeta.Uid(scale) is { } uid && uid != owner.Uid) return null;
            return (owner.Uid, ObjectFields.Int(scale["spec"]?["replicas"]) ?? 0);
        }
        catch (StatusError e) when (e.Code == 404)
        {
            return null;
        }
    }

    static JsonObject? Get(Informer informer, string ns, OwnerReference owner)
    {
        var obj = informer.Lister.Get(ns, owner.Name);
        return obj is not null && JsonMeta.Uid(obj) == owner.Uid ? obj : null;
    }

    static int Replicas(JsonObject obj) => ObjectFields.Int(obj["spec"]?["replicas"]) ?? 1;
}
