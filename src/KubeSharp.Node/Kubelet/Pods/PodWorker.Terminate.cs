using KubeSharp.Node.Kubelet;
using KubeSharp.Api.Errors;
using KubeSharp.Api.Model.Core;
using KubeSharp.Client;
using Microsoft.Extensions.Logging;

namespace KubeSharp.Node.Kubelet.Pods;

internal sealed partial class PodWorker
{
    /// <summary>
    /// The pod is being deleted (or already gone): containers get their grace period (preStop, SIGTERM, SIGKILL),
    /// then the sandbox, volumes and logs go, the final status is written and the pod object deleted for good.
    /// </summary>
    async Task<bool> TerminateAsync(Pod pod, bool gone, CancellationToken ct)
    {
        var grace = TimeSpan.FromSeconds(pod.Metadata.DeletionGracePeriodSeconds ?? pod.Spec?.TerminationGracePeriodSeconds ?? 30);
        if (gone && grace > MinimumGracePeriod) grace = MinimumGracePeriod;
        if (!_terminal) await KillAllAsync(pod, grace, ct);
        foreach (var tracked in _containers) await _ctx.Probes.RemoveAsync(tracked.Id);

        // A static pod's API object is its mirror, which the static pod source deletes itself.
        var mirrored = StaticPods.StaticPodFactory.IsStatic(pod);
        if (!gone && !mirrored)
        {
            // Like the kubelet since 1.27, a deleted pod reaches a terminal phase before it disappears.
            var observed = await ObserveAsync(pod, ct);
            var status = PodStatusBuilder.Build(StatusInput(pod, observed));
            var succeeded = (pod.Spec?.Containers ?? []).All(c => observed.GetValueOrDefault(c.Name)?.Latest is null or { ExitCode: 0 });
            await WriteStatusAsync(pod, status with { Phase = status.Phase is "Succeeded" or "Failed" ? status.Phase : succeeded ? "Succeeded" : "Failed" }, ct);
        }

        var sandboxes = await _ctx.Runtime.ListPodSandboxesAsync(
            new KubeSharp.Node.Runtime.PodSandboxFilter(LabelSelector: new Dictionary<string, string> { [KubeletLabels.PodUid] = Uid }), ct);
        foreach (var sandbox in sandboxes) await _ctx.Runtime.RemovePodSandboxAsync(sandbox.Id, ct);
        await _ctx.Volumes.TearDownAsync(Uid);
        var logs = _ctx.Configs.PodLogDirectory(pod.Metadata.Namespace ?? "", pod.Metadata.Name ?? "", Uid);
        if (Directory.Exists(logs)) Directory.Delete(logs, recursive: true);
        _ctx.RestartBackoff.ForgetPrefix(Uid + "/");
        _ctx.Images.Forget(Uid);

        if (!gone && !mirrored)
        {
            try
            {
                await _ctx.Api.DeleteAsync(NodeAgentResources.Pods, pod.Metadata.Namespace, pod.Metadata.Name ?? "",
                    new DeleteOptions { GracePeriodSeconds = 0, PreconditionUid = Uid }, ct);
            }
            catch (StatusError e) when (e.Code is 404 or 409)
            {
                // already gone, or a new pod of the same name
            }
        }
        _ctx.Log.LogDebug("pod {Pod} terminated and cleaned up", PodKey);
        return true;
    }
}
