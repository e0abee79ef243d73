using KubeSharp.Api.Model.Core;
using KubeSharp.Node.Kubelet.Env;
using KubeSharp.Node.Prober;
using KubeSharp.Node.Runtime;
using KubeSharp.Node.Volumes;
using Microsoft.Extensions.Logging;
using RuntimeState = KubeSharp.Node.Runtime.ContainerState;

namespace KubeSharp.Node.Kubelet.Pods;

internal sealed partial class PodWorker
{
    static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

    /// <returns>True once the pod is gone and everything of it cleaned up.</returns>
    async Task<bool> SyncAsync(CancellationToken ct)
    {
        Pod pod;
        bool gone;
        lock (_lock) (pod, gone) = (_pod, _gone);
        _trace?.Mark("sync");
        if (gone || pod.Metadata.DeletionTimestamp is not null)
            return await TerminateAsync(pod, gone, ct);

        await RemoveOldSandboxesAsync(ct);
        var observed = await ObserveAsync(pod, ct);
        if (_terminal)
        {
            await WriteStatusAsync(pod, observed, ct);
            return false;
        }
        var init = PodStatusBuilder.Init(pod, observed);
        var phase = PodStatusBuilder.Phase(pod, observed, init);
        if (phase is "Succeeded" or "Failed")
        {
            await EnterTerminalAsync(pod, observed, ct);
            await WriteStatusAsync(pod, await ObserveAsync(pod, ct), ct);
            return false;
        }

        // Liveness and startup failures first, outside the start gate: a kill may take the whole grace period.
        if (await KillUnhealthyAsync(pod, observed, ct) | await KillChangedAsync(pod, observed, ct))
        {
            observed = await ObserveAsync(pod, ct);
            init = PodStatusBuilder.Init(pod, observed);
        }
        await _ctx.StartGate.WaitAsync(ct);
        _trace?.Mark("gate");
        try
        {
            await ConvergeAsync(pod, observed, init, ct);
        }
        finally
        {
            _ctx.StartGate.Release();
        }
        await WriteStatusAsync(pod, await ObserveAsync(pod, ct), ct);
        return false;
    }

    /// <returns>True when a container was killed; the restart rules then treat it as exited.</returns>
    async Task<bool> KillUnhealthyAsync(Pod pod, Dictionary<string, ContainerObservation> observed, CancellationToken ct)
    {
        var killed = false;
        foreach (var spec in (pod.Spec?.InitContainers ?? []).Concat(pod.Spec?.Containers ?? []))
        {
            if (observed.GetValueOrDefault(spec.Name)?.Latest is not { State: RuntimeState.Running } running) continue;
            if (_ctx.Probes.Failure(running.Id) is not { } failure) continue;
            var probe = failure.Type == ProbeType.Startup ? spec.StartupProbe : spec.LivenessProbe;
            Events(pod).Normal(spec, "Killing", $"Container {spec.Name} failed {failure.Type.ToString().ToLowerInvariant()} probe, will be restarted");
            var grace = probe?.TerminationGracePeriodSeconds ?? pod.Spec?.TerminationGracePeriodSeconds ?? 30;
            await KillContainerAsync(pod, spec, running.Id, TimeSpan.FromSeconds(grace), announce: false, ct);
            killed = true;
        }
        return killed;
    }

    /// <summary>
    /// Running containers whose spec changed since they started (a pod update may only change images) are killed, as the
    /// kubelet does, and started again regardless of the restart policy and without back-off.
    /// </summary>
    /// <returns>True when a container was killed.</returns>
    async Task<bool> KillChangedAsync(Pod pod, Dictionary<string, ContainerObservation> observed, CancellationToken ct)
    {
        var killed = false;
        var candidates = (pod.Spec?.InitContainers ?? []).Where(c => c.RestartPolicy == "Always").Concat(pod.Spec?.Containers ?? []);
        foreach (var spec in candidates)
        {
            if (observed.GetValueOrDefault(spec.Name)?.Latest is not { State: RuntimeState.Running } running) continue;
            if (!ContainerHash.Changed(spec, running.Labels)) continue;
            Events(pod).Normal(spec, "Killing", $"Container {spec.Name} definition changed, will be restarted");
            await KillContainerAsync(pod, spec, running.Id, TimeSpan.FromSeconds(pod.Spec?.TerminationGracePeriodSeconds ?? 30), announce: false, ct);
            _definitionChanged.Add(spec.Name);
            killed = true;
        }
        return killed;
    }

    /// <summary>Containers killed because their definition changed; they start again at once.</summary>
    readonly HashSet<string> _definitionChanged = new(StringComparer.Ordinal);

    async Task<bool> RestartAsync(Pod pod, Container spec, KubeSharp.Node.Runtime.ContainerStatus latest,
        PodRuntimeFacts facts, IReadOnlyDictionary<string, VolumeSource> volumes, CancellationToken ct)
    {
        if (!_definitionChanged.Contains(spec.Name)) return await RestartIfDueAsync(pod, spec, latest, facts, volumes, ct);
        // Until the new definition got an attempt (its image may still be pulling), the restart policy does not apply.
        var started = await StartContainerAsync(pod, spec, facts, volumes, ct);
        if (started) _definitionChanged.Remove(spec.Name);
        return started;
    }

    /// <returns>True when something was started or stopped (the status must be observed again).</returns>
    async Task<bool> ConvergeAsync(Pod pod, Dictionary<string, ContainerObservation> observed, InitProgress init, CancellationToken ct)
    {
        var facts = Facts();
        IReadOnlyDictionary<string, VolumeSource> volumes;
        try
        {
            volumes = await _ctx.Volumes.SetUpAsync(pod, facts, ct);
        }
        catch (VolumeSetupException e)
        {
            Events(pod).PodWarning("FailedMount", e.Message);
            WakeAfter(RetryDelay);
            return false;
        }

        _trace?.Mark("volumes");
        if (!await EnsureSandboxAsync(pod, ct)) return true;
        _trace?.Mark("sandbox");
        facts = Facts();
        var acted = false;

        // Init containers, in order; sidecars start and stay up.
        var inits = pod.Spec?.InitContainers ?? [];
        var blocked = false;
        foreach (var spec in inits)
        {
            var o = observed.GetValueOrDefault(spec.Name);
            var latest = o?.Latest;
            var sidecar = spec.RestartPolicy == "Always";
            if (sidecar)
            {
                if (latest is null || latest.State == RuntimeState.Created)
                {
                    acted |= await StartContainerAsync(pod, spec, facts, volumes, ct);
                    if (!init.Initialized) { blocked = true; break; }
                    continue;
                }
                if (latest.State is RuntimeState.Exited or RuntimeState.Unknown)
                {
                    acted |= await RestartAsync(pod, spec, latest, facts, volumes, ct);
                    if (!init.Initialized) { blocked = true; break; }
                    continue;
                }
                if (!init.Initialized && o?.Started != true) { blocked = true; break; }
                continue;
            }
            if (init.Initialized) continue;
            if (latest is null || latest.State == RuntimeState.Created)
            {
                acted |= await StartContainerAsync(pod, spec, facts, volumes, ct);
                blocked = true;
                break;
            }
            if (latest.State == RuntimeState.Running) { blocked = true; break; }
            if (latest.ExitCode == 0 && latest.State == RuntimeState.Exited) continue;
            if (pod.Spec?.RestartPolicy != "Never") acted |= await RestartIfDueAsync(pod, spec, latest, facts, volumes, ct);
            blocked = true;
            break;
        }
        if (blocked || !init.Initialized && inits.Any(i => i.RestartPolicy != "Always")) return acted;

        var policy = pod.Spec?.RestartPolicy ?? "Always";
        foreach (var spec in pod.Spec?.Containers ?? [])
        {
            var latest = observed.GetValueOrDefault(spec.Name)?.Latest;
            if (latest is null || latest.State == RuntimeState.Created)
            {
                acted |= await StartContainerAsync(pod, spec, facts, volumes, ct);
                continue;
            }
            if (latest.State is RuntimeState.Exited or RuntimeState.Unknown)
            {
                var restart = policy == "Always" || (policy == "OnFailure" && (latest.ExitCode ?? 1) != 0) || _definitionChanged.Contains(spec.Name);
                if (restart) acted |= await RestartAsync(pod, spec, latest, facts, volumes, ct);
                else _waiting.Remove(spec.Name);
            }
        }
        return acted;
    }

    async Task<bool> RestartIfDueAsync(Pod pod, Container spec, KubeSharp.Node.Runtime.ContainerStatus latest,
        PodRuntimeFacts facts, IReadOnlyDictionary<string, VolumeSource> volumes, CancellationToken ct)
    {
        var key = $"{Uid}/{spec.Name}";
        var finishedAt = latest.FinishedAt ?? _ctx.Time.GetUtcNow();
        if (_ctx.RestartBackoff.InBackoff(key, out var remaining, finishedAt))
        {
            var delay = _ctx.RestartBackoff.CurrentDelay(key);
            _waiting[spec.Name] = ("CrashLoopBackOff", $"back-off {GoDuration(delay)} restarting failed container={spec.Name} pod={PodDescription}");
            Events(pod).Warning(spec, "BackOff", $"Back-off restarting failed container {spec.Name} in pod {PodDescription}");
            WakeAfter(remaining);
            return false;
        }
        _ctx.RestartBackoff.Record(key, finishedAt);
        return await StartContainerAsync(pod, spec, facts, volumes, ct);
    }

    static string GoDuration(TimeSpan d) =>
        d.TotalMinutes >= 1 ? $"{(int)d.TotalMinutes}m{d.Seconds}s" : $"{(int)d.TotalSeconds}s";

    PodRuntimeFacts Facts() => new(_sandboxIp, _ctx.HostIp, _ctx.Options.NodeName, _ctx.Allocatable);

    PodEvents Events(Pod pod) => new(_ctx.Events, pod);

    /// <summary>A ready sandbox for the pod, created (again) when missing.</summary>
    /// <returns>False when it could not be created; retried later.</returns>
    async Task<bool> EnsureSandboxAsync(Pod pod, CancellationToken ct)
    {
        if (_sandboxId is not null)
        {
            var status = await _ctx.Runtime.PodSandboxStatusAsync(_sandboxId, ct);
            if (status?.State == PodSandboxState.Ready) return true;
            // The sandbox died (network gone, removed from outside): kill the pod's containers and start over.
            Events(pod).PodNormal("SandboxChanged", "Pod sandbox changed, it will be killed and re-created.");
            await KillAllAsync(pod, TimeSpan.Zero, ct);
            if (status is not null) _oldSandboxes.Add(_sandboxId);
            _sandboxId = null;
            _sandboxIp = null;
        }
        try
        {
            var result = await _ctx.Runtime.RunPodSandboxAsync(SandboxConfigFactory.Build(pod, _ctx.Options, _sandboxAttempt + 1), ct);
            _sandboxAttempt++;
            _sandboxId = result.Id;
            // Host-network pods have the node's address (podIP = hostIP, as upstream reports them).
            _sandboxIp = pod.Spec?.HostNetwork == true ? _ctx.HostIp : result.Ip;
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Events(pod).PodWarning("FailedCreatePodSandBox", $"Failed to create pod sandbox: {e.Message}");
            _ctx.Log.LogWarning(e, "creating the sandbox of {Pod} failed", PodKey);
            WakeAfter(RetryDelay);
            return false;
        }
    }

    async Task RemoveOldSandboxesAsync(CancellationToken ct)
    {
        foreach (var id in _oldSandboxes.ToList())
        {
            await _ctx.Runtime.RemovePodSandboxAsync(id, ct);
            _containers.RemoveAll(c => c.SandboxId == id && !IsLatestOrPrevious(c));
            _oldSandboxes.Remove(id);
        }
    }

    bool IsLatestOrPrevious(TrackedContainer c) =>
        _containers.Where(t => t.Name == c.Name).OrderByDescending(t => t.Attempt).Take(2).Contains(c);

    /// <summary>The pod is done (Succeeded/Failed): sidecars are stopped and the sandbox released; containers stay for their logs.</summary>
    async Task EnterTerminalAsync(Pod pod, Dictionary<string, ContainerObservation> observed, CancellationToken ct)
    {
        foreach (var spec in Enumerable.Reverse(pod.Spec?.InitContainers ?? []))
        {
            if (observed.GetValueOrDefault(spec.Name)?.Latest is { State: RuntimeState.Running } running)
                await KillContainerAsync(pod, spec, running.Id, TimeSpan.FromSeconds(pod.Spec?.TerminationGracePeriodSeconds ?? 30), announce: true, ct);
        }
        foreach (var spec in pod.Spec?.Containers ?? [])
        {
            if (observed.GetValueOrDefault(spec.Name)?.Latest is { State: RuntimeState.Running } running)
                await KillContainerAsync(pod, spec, running.Id, TimeSpan.Zero, announce: false, ct);
        }
        if (_sandboxId is not null) await _ctx.Runtime.StopPodSandboxAsync(_sandboxId, ct);
        _waiting.Clear();
        _terminal = true;
    }
}
