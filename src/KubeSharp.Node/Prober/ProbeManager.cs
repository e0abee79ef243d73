using System.Collections.Concurrent;
using KubeSharp.Api.Model.Core;

namespace KubeSharp.Node.Prober;

/// <summary>A probe ran: what the pod worker should know (for events, and to re-sync when a result flipped).</summary>
public sealed record ProbeReport(string ContainerId, string ContainerName, ProbeType Type, ProbeOutcome Outcome, bool ResultChanged);

/// <summary>
/// The probe workers of every running container, and their current results: whether a container is started
/// (startup probe passed), ready (readiness probe passed) and alive (liveness/startup probe not failed).
/// </summary>
public sealed class ProbeManager(ActionRunner runner, TimeProvider time) : IAsyncDisposable
{
    sealed class ContainerProbes(CancellationTokenSource stop)
    {
        public readonly CancellationTokenSource Stop = stop;
        public readonly List<ProbeWorker> Workers = [];
        public readonly List<Task> Tasks = [];
        public string? FailureMessage;
        public ProbeType? FailedType;
    }

    readonly ConcurrentDictionary<string, ContainerProbes> _containers = new(StringComparer.Ordinal);

    /// <summary>Starts probing a running container (no-op when already probed or it has no probes).</summary>
    public void Add(Container spec, ProbeTarget target, DateTimeOffset startedAt, Action<ProbeReport> report)
    {
        if (spec.LivenessProbe is null && spec.ReadinessProbe is null && spec.StartupProbe is null) return;
        var probes = new ContainerProbes(new CancellationTokenSource());
        if (!_containers.TryAdd(target.ContainerId, probes))
        {
            probes.Stop.Dispose();
            return;
        }
        void Report(ProbeType type, ProbeOutcome outcome, bool changed)
        {
            if (changed && outcome.Result == ProbeResult.Failure && type is ProbeType.Liveness or ProbeType.Startup)
            {
                probes.FailureMessage = outcome.Message;
                probes.FailedType = type;
            }
            report(new ProbeReport(target.ContainerId, spec.Name, type, outcome, changed));
        }
        var started = spec.StartupProbe is null ? () => true : (Func<bool>)(() => IsStarted(target.ContainerId));
        foreach (var (type, probe) in new[] { (ProbeType.Startup, spec.StartupProbe), (ProbeType.Readiness, spec.ReadinessProbe), (ProbeType.Liveness, spec.LivenessProbe) })
        {
            if (probe is null) continue;
            var worker = new ProbeWorker(type, probe, target, startedAt, runner, time, started, Report);
            lock (probes.Workers) probes.Workers.Add(worker);
            probes.Tasks.Add(Task.Run(() => worker.RunAsync(probes.Stop.Token), CancellationToken.None));
        }
    }

    public async Task RemoveAsync(string containerId)
    {
        if (!_containers.TryRemove(containerId, out var probes)) return;
        await probes.Stop.CancelAsync();
        await Task.WhenAll(probes.Tasks).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        probes.Stop.Dispose();
    }

    public bool IsProbed(string containerId) => _containers.ContainsKey(containerId);

    /// <summary>True when the container has no startup probe or it has succeeded.</summary>
    public bool IsStarted(string containerId) => ResultOf(containerId, ProbeType.Startup) is null or ProbeResult.Success;

    /// <summary>True when the container has no readiness probe or it currently passes.</summary>
    public bool IsReady(string containerId) => ResultOf(containerId, ProbeType.Readiness) is null or ProbeResult.Success;

    /// <summary>The failing probe and its message when a liveness or startup probe says the container must be restarted.</summary>
    public (ProbeType Type, string Message)? Failure(string containerId) =>
        _containers.TryGetValue(containerId, out var p) && p.FailedType is { } type ? (type, p.FailureMessage ?? "") : null;

    ProbeResult? ResultOf(string containerId, ProbeType type)
    {
        if (!_containers.TryGetValue(containerId, out var probes)) return null;
        lock (probes.Workers)
            return probes.Workers.FirstOrDefault(w => w.Type == type)?.Result;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var id in _containers.Keys.ToList()) await RemoveAsync(id);
    }
}
