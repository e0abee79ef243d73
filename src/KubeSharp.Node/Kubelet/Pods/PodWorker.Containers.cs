using System.Text;
using KubeSharp.Api.Model.Core;
using KubeSharp.Node.Kubelet.Env;
using KubeSharp.Node.Prober;
using KubeSharp.Node.Runtime;
using KubeSharp.Node.Streams;
using KubeSharp.Node.Volumes;
using Microsoft.Extensions.Logging;
using RuntimeState = KubeSharp.Node.Runtime.ContainerState;
using RuntimeStatus = KubeSharp.Node.Runtime.ContainerStatus;

namespace KubeSharp.Node.Kubelet.Pods;

internal sealed partial class PodWorker
{
    const int MaxTerminationMessageBytes = 4096;
    const int FallbackLogLines = 80;
    const int FallbackLogBytes = 2048;
    static readonly TimeSpan MinimumGracePeriod = TimeSpan.FromSeconds(2);
    static readonly TimeSpan PostStartTimeout = TimeSpan.FromSeconds(30);

    /// <returns>True when a container was started (or a failed attempt left behind).</returns>
    async Task<bool> StartContainerAsync(Pod pod, Container spec, PodRuntimeFacts facts, IReadOnlyDictionary<string, VolumeSource> volumes, CancellationToken ct)
    {
        var events = Events(pod);
        var previous = _containers.Where(c => c.Name == spec.Name).MaxBy(c => c.Attempt);
        var attempt = previous is null ? 0 : previous.Attempt + 1;

        var image = await _ctx.Images.EnsureAsync(spec, pod, events, ct);
        if (image.Image is null)
        {
            _waiting[spec.Name] = (image.Reason ?? "ErrImagePull", image.Message ?? "");
            WakeAfter(image.Reason == "ImagePullBackOff" ? RetryDelay * 2 : RetryDelay);
            return false;
        }
        _trace?.Mark("image");

        ContainerConfig config;
        try
        {
            config = await _ctx.Configs.BuildAsync(pod, spec, attempt, facts, volumes, ct);
        }
        catch (ContainerConfigException e)
        {
            _waiting[spec.Name] = ("CreateContainerConfigError", e.Message);
            events.Warning(spec, "Failed", "Error: " + e.Message);
            WakeAfter(RetryDelay);
            return false;
        }

        string id;
        try
        {
            // The spec's hash lets a later sync tell that the container's image was changed since it started.
            var labels = new Dictionary<string, string>(config.Labels ?? new Dictionary<string, string>()) { [KubeletLabels.ContainerHash] = ContainerHash.Of(spec) };
            id = await _ctx.Runtime.CreateContainerAsync(_sandboxId!, config with { Image = image.Image.Id, Labels = labels }, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _waiting[spec.Name] = ("CreateContainerError", e.Message);
            events.Warning(spec, "Failed", "Error: " + e.Message);
            WakeAfter(RetryDelay);
            return false;
        }
        _trace?.Mark("created");
        _containers.Add(new TrackedContainer(id, spec.Name, attempt, _sandboxId!));
        events.Normal(spec, "Created", $"Created container: {spec.Name}");
        try
        {
            await _ctx.Runtime.StartContainerAsync(id, ct);
        }
        catch (ContainerStartException e)
        {
            // The attempt exists as exited with StartError; the restart rules (and back-off) take it from here.
            events.Warning(spec, "Failed", "Error: " + e.Message);
            _waiting.Remove(spec.Name);
            Wake();
            return true;
        }
        _trace?.Mark("started");
        _waiting.Remove(spec.Name);
        events.Normal(spec, "Started", $"Started container {spec.Name}");

        var status = await _ctx.Runtime.ContainerStatusAsync(id, ct);
        var target = new ProbeTarget(id, _sandboxIp, spec.Ports);
        if (spec.Lifecycle?.PostStart is { } postStart)
        {
            var outcome = await _ctx.Actions.HookAsync(postStart, target, PostStartTimeout, ct);
            if (outcome.Result != ProbeResult.Success)
            {
                events.Warning(spec, "FailedPostStartHook", HookFailure(postStart, spec, outcome));
                await KillContainerAsync(pod, spec, id, TimeSpan.FromSeconds(pod.Spec?.TerminationGracePeriodSeconds ?? 30), announce: false, ct,
                    runPreStop: false);
                events.Normal(spec, "Killing", $"FailedPostStartHook");
                return true;
            }
        }
        AddProbes(pod, spec, id, status?.StartedAt ?? _ctx.Time.GetUtcNow());
        await RemoveOldAttemptsAsync(spec.Name, attempt, ct);
        return true;
    }

    string HookFailure(LifecycleHandler hook, Container spec, ProbeOutcome outcome) =>
        hook.Exec is { } exec
            ? $"Exec lifecycle hook ({string.Join(' ', exec.Command ?? [])}) for Container \"{spec.Name}\" in Pod \"{PodDescription}\" failed - error: command exited with a failure, message: \"{outcome.Message}\""
            : hook.HTTPGet is not null
                ? $"HTTP lifecycle hook ({hook.HTTPGet.Path}) for Container \"{spec.Name}\" in Pod \"{PodDescription}\" failed - error: {outcome.Message}"
                : $"lifecycle hook for Container \"{spec.Name}\" in Pod \"{PodDescription}\" failed - error: {outcome.Message}";

    void AddProbes(Pod pod, Container spec, string id, DateTimeOffset startedAt)
    {
        var events = Events(pod);
        _ctx.Probes.Add(spec, new ProbeTarget(id, _sandboxIp, spec.Ports), startedAt, report =>
        {
            if (report.Outcome.Result == ProbeResult.Failure)
            {
                var name = report.Type.ToString();
                events.Warning(spec, "Unhealthy", $"{name} probe failed: {report.Outcome.Message}");
            }
            if (report.ResultChanged) Wake();
        });
    }

    /// <summary>Keeps the latest and the previous attempt (for <c>logs --previous</c>); older ones go with their logs.</summary>
    async Task RemoveOldAttemptsAsync(string name, int attempt, CancellationToken ct)
    {
        foreach (var old in _containers.Where(c => c.Name == name && c.Attempt < attempt - 1).ToList())
        {
            try
            {
                var status = await _ctx.Runtime.ContainerStatusAsync(old.Id, ct);
                await _ctx.Runtime.RemoveContainerAsync(old.Id, ct);
                if (status is not null) TryDelete(status.LogPath);
                if (status?.Annotations.GetValueOrDefault(KubeletLabels.TerminationMessageFile) is { } file) TryDelete(file);
            }
            catch (Exception e) when (e is IOException or InvalidOperationException)
            {
                _ctx.Log.LogWarning(e, "removing old container {Id} of {Pod} failed", old.Id, PodKey);
                continue;
            }
            _containers.Remove(old);
            _exited.Remove(old.Id);
            _messages.Remove(old.Id);
        }
    }

    static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    /// <summary>preStop hook, then SIGTERM, then SIGKILL once the grace period (less the hook's time) is over.</summary>
    async Task KillContainerAsync(Pod pod, Container spec, string id, TimeSpan grace, bool announce, CancellationToken ct, bool runPreStop = true)
    {
        if (announce) Events(pod).Normal(spec, "Killing", $"Stopping container {spec.Name}");
        var started = _ctx.Time.GetUtcNow();
        if (runPreStop && spec.Lifecycle?.PreStop is { } preStop && grace > TimeSpan.Zero)
        {
            var outcome = await _ctx.Actions.HookAsync(preStop, new ProbeTarget(id, _sandboxIp, spec.Ports), grace, ct);
            if (outcome.Result != ProbeResult.Success)
                Events(pod).Warning(spec, "FailedPreStopHook", HookFailure(preStop, spec, outcome).Replace("lifecycle hook", "lifecycle hook"));
        }
        var remaining = grace - (_ctx.Time.GetUtcNow() - started);
        if (grace > TimeSpan.Zero && remaining < MinimumGracePeriod) remaining = MinimumGracePeriod;
        try
        {
            await _ctx.Runtime.StopContainerAsync(id, remaining < TimeSpan.Zero ? TimeSpan.Zero : remaining, ct);
        }
        catch (KeyNotFoundException) { }
        await _ctx.Probes.RemoveAsync(id);
    }

    /// <summary>Stops every running container of the pod: app containers together, then sidecars in reverse order.</summary>
    async Task KillAllAsync(Pod pod, TimeSpan grace, CancellationToken ct)
    {
        var observed = await ObserveAsync(pod, ct);
        async Task KillAsync(Container spec)
        {
            if (observed.GetValueOrDefault(spec.Name)?.Latest is { State: RuntimeState.Running } running)
                await KillContainerAsync(pod, spec, running.Id, grace, announce: true, ct);
        }
        await Task.WhenAll((pod.Spec?.Containers ?? []).Select(KillAsync));
        foreach (var spec in Enumerable.Reverse(pod.Spec?.InitContainers ?? [])) await KillAsync(spec);
        // Anything else still running (containers no longer in the spec) goes at once.
        foreach (var tracked in _containers.ToList())
        {
            var status = await _ctx.Runtime.ContainerStatusAsync(tracked.Id, ct);
            if (status?.State == RuntimeState.Running) await _ctx.Runtime.StopContainerAsync(tracked.Id, TimeSpan.Zero, ct);
        }
    }

    /// <summary>The latest and previous attempt of each container, as the runtime reports them now.</summary>
    async Task<Dictionary<string, ContainerObservation>> ObserveAsync(Pod pod, CancellationToken ct)
    {
        var result = new Dictionary<string, ContainerObservation>(StringComparer.Ordinal);
        foreach (var spec in (pod.Spec?.InitContainers ?? []).Concat(pod.Spec?.Containers ?? []))
        {
            var attempts = _containers.Where(c => c.Name == spec.Name).OrderByDescending(c => c.Attempt).Take(2).ToList();
            RuntimeStatus? latest = null, previous = null;
            if (attempts.Count > 0) latest = await StatusAsync(attempts[0], ct);
            if (attempts.Count > 1) previous = await StatusAsync(attempts[1], ct);
            if (latest is null && previous is not null) (latest, previous) = (previous, null);
            var running = latest?.State == RuntimeState.Running;
            if (running && !_ctx.Probes.IsProbed(latest!.Id) && !_terminal)
                AddProbes(pod, spec, latest.Id, latest.StartedAt ?? _ctx.Time.GetUtcNow()); // adopted after an agent restart
            var waiting = _waiting.TryGetValue(spec.Name, out var w) ? w : ((string Reason, string Message)?)null;
            result[spec.Name] = new ContainerObservation(
                latest,
                previous,
                waiting?.Reason,
                waiting?.Message,
                Ready: running && _ctx.Probes.IsReady(latest!.Id),
                Started: running && _ctx.Probes.IsStarted(latest!.Id),
                ImageId: latest is null ? null : _ctx.Images.ImageIdFor(latest.ImageId, latest.Image),
                LatestMessage: latest is { State: RuntimeState.Exited } ? TerminationMessage(latest) : null,
                PreviousMessage: previous is { State: RuntimeState.Exited } ? TerminationMessage(previous) : null);
        }
        return result;
    }

    async Task<RuntimeStatus?> StatusAsync(TrackedContainer container, CancellationToken ct)
    {
        if (_exited.TryGetValue(container.Id, out var known)) return known;
        var status = await _ctx.Runtime.ContainerStatusAsync(container.Id, ct);
        if (status is null)
        {
            _containers.Remove(container);
            return null;
        }
        if (status.State == RuntimeState.Exited) _exited[container.Id] = status;
        return status;
    }

    /// <summary>The file at <c>terminationMessagePath</c>, or with <c>FallbackToLogsOnError</c> the log's tail after a failure.</summary>
    string? TerminationMessage(RuntimeStatus status)
    {
        if (_messages.TryGetValue(status.Id, out var cached)) return cached;
        string? message = null;
        if (status.Annotations.GetValueOrDefault(KubeletLabels.TerminationMessageFile) is { } file && File.Exists(file))
        {
            using var stream = File.OpenRead(file);
            var buffer = new byte[MaxTerminationMessageBytes];
            var n = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            if (n > 0) message = Encoding.UTF8.GetString(buffer, 0, n);
        }
        if (string.IsNullOrEmpty(message) && status.ExitCode is not (null or 0)
            && status.Annotations.GetValueOrDefault(KubeletLabels.TerminationMessagePolicy) == "FallbackToLogsOnError")
        {
            message = CriLog.Tail(status.LogPath, FallbackLogLines, FallbackLogBytes);
        }
        _messages[status.Id] = message;
        return message;
    }
}
