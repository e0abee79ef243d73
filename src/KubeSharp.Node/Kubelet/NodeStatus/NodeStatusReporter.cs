using System.Text.Json.Nodes;
using KubeSharp.Api.Errors;
using KubeSharp.Api.Resources;
using KubeSharp.Client;
using Microsoft.Extensions.Logging;

namespace KubeSharp.Node.Kubelet.NodeStatus;

/// <summary>
/// Registers the Node and keeps it alive: a Lease in <c>kube-node-lease</c> renewed every 10 s (the cheap
/// heartbeat) and the full status written every 10 s.
/// </summary>
public sealed class NodeStatusReporter(IApiClient api, KubeletOptions options, NodeFacts facts, TimeProvider time, ILogger log)
{
    public static readonly GroupVersionResource Nodes = new("", "v1", "nodes");
    public static readonly GroupVersionResource Leases = new("coordination.k8s.io", "v1", "leases");

    string? _nodeUid;
    JsonObject? _lastStatus;

    public async Task RegisterAsync(CancellationToken ct)
    {
        JsonObject node;
        try
        {
            node = await api.CreateAsync(Nodes, null, NodeObjects.Node(options, facts), ct: ct);
        }
        catch (StatusError e) when (e.Code == 409)
        {
            // Registered by an earlier run: make sure our labels and pod CIDR are on it.
            node = await api.GetAsync(Nodes, null, options.NodeName, ct: ct);
            var desired = NodeObjects.Node(options, facts);
            var patch = new JsonObject
            {
                ["metadata"] = new JsonObject { ["labels"] = desired["metadata"]!["labels"]!.DeepClone() },
            };
            if (node["spec"]?["podCIDR"] is null) patch["spec"] = desired["spec"]!.DeepClone();
            node = await api.PatchAsync(Nodes, null, options.NodeName, PatchType.Merge, patch.ToJsonString(), ct: ct);
        }
        _nodeUid = JsonMeta.Uid(node);
        _lastStatus = node["status"] as JsonObject;
        await UpdateStatusAsync(ct);
        await RenewLeaseAsync(ct);
    }

    public async Task RunAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(KubeletOptions.LeaseRenewInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                try
                {
                    await RenewLeaseAsync(ct);
                    await UpdateStatusAsync(ct);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    log.LogWarning(e, "updating node {Node} failed", options.NodeName);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
    }

    async Task UpdateStatusAsync(CancellationToken ct)
    {
        var status = NodeObjects.Status(options, facts, time.GetUtcNow(), _lastStatus);
        var patch = new JsonObject { ["status"] = status };
        JsonObject node;
        try
        {
            node = await api.PatchAsync(Nodes, null, options.NodeName, PatchType.Merge, patch.ToJsonString(), "status", ct: ct);
        }
        catch (StatusError e) when (e.Code == 404)
        {
            // Someone deleted our Node: register again, as the kubelet does.
            node = await api.CreateAsync(Nodes, null, NodeObjects.Node(options, facts), ct: ct);
            node = await api.PatchAsync(Nodes, null, options.NodeName, PatchType.Merge, patch.ToJsonString(), "status", ct: ct);
        }
        _nodeUid = JsonMeta.Uid(node);
        _lastStatus = node["status"] as JsonObject;
    }

    async Task RenewLeaseAsync(CancellationToken ct)
    {
        var lease = NodeObjects.Lease(options.NodeName, _nodeUid, time.GetUtcNow());
        try
        {
            var current = await api.GetAsync(Leases, NodeObjects.LeaseNamespace, options.NodeName, ct: ct);
            current["spec"] = lease["spec"]!.DeepClone();
            await api.UpdateAsync(Leases, NodeObjects.LeaseNamespace, current, ct: ct);
        }
        catch (StatusError e) when (e.Code == 404)
        {
            await api.CreateAsync(Leases, NodeObjects.LeaseNamespace, lease, ct: ct);
        }
    }
}
