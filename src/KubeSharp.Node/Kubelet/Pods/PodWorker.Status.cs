using KubeSharp.Node.Kubelet;
using System.Text.Json.Nodes;
using KubeSharp.Api.Errors;
using KubeSharp.Api.Model;
using KubeSharp.Api.Model.Core;
using KubeSharp.Client;
using Microsoft.Extensions.Logging;

namespace KubeSharp.Node.Kubelet.Pods;

internal sealed partial class PodWorker
{
    PodStatusInput StatusInput(Pod pod, Dictionary<string, ContainerObservation> observed)
    {
        // Our own last write is the freshest "previous" status (the informer may lag behind it); what others
        // own (PodScheduled, QoS class, readiness-gate conditions) comes from the object.
        var previous = _lastStatus is null
            ? pod.Status
            : _lastStatus with
            {
                QOSClass = pod.Status?.QOSClass,
                Conditions = (_lastStatus.Conditions ?? [])
                    .Where(c => c.Type is "PodReadyToStartContainers" or "Initialized" or "Ready" or "ContainersReady")
                    .Concat((pod.Status?.Conditions ?? []).Where(c => c.Type is not ("PodReadyToStartContainers" or "Initialized" or "Ready" or "ContainersReady")))
                    .ToList(),
                StartTime = _lastStatus.StartTime ?? pod.Status?.StartTime,
            };
        var sandboxReady = _sandboxId is not null && !_terminal;
        return new PodStatusInput(pod with { Status = previous }, _ctx.Time.GetUtcNow(), _sandboxIp, _ctx.HostIp, sandboxReady, observed);
    }

    volatile bool _rewriteStatus;

    /// <summary>The object the status goes to was replaced (a static pod's new mirror pod): write the whole status again.</summary>
    public void RewriteStatus()
    {
        _rewriteStatus = true;
        Wake();
    }

    Task WriteStatusAsync(Pod pod, Dictionary<string, ContainerObservation> observed, CancellationToken ct) =>
        WriteStatusAsync(pod, PodStatusBuilder.Build(StatusInput(pod, observed)), ct);

    /// <summary>A JSON merge patch of the status subresource, skipped when nothing changed since our last write.</summary>
    async Task WriteStatusAsync(Pod pod, PodStatus status, CancellationToken ct)
    {
        var json = KubeJson.ToObject(status);
        var text = json.ToJsonString();
        if (text == _lastStatusJson && !_rewriteStatus) return;
        _rewriteStatus = false;
        var patch = new JsonObject { ["status"] = json };
        try
        {
            await _ctx.Api.PatchAsync(NodeAgentResources.Pods, pod.Metadata.Namespace, pod.Metadata.Name ?? "", PatchType.Merge,
                patch.ToJsonString(), "status", ct: ct);
            _lastStatusJson = text;
            _lastStatus = status;
            if (_trace is not null && status.Phase == "Running")
            {
                _trace.Mark("status");
                _ctx.Log.LogInformation("pod start trace {Pod}: {Phases}", PodKey, _trace);
                _trace = null;
            }
        }
        catch (StatusError e) when (e.Code == 404)
        {
            // deleted meanwhile; the informer's delete event follows
        }
    }
}
