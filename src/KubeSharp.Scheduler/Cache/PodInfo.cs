using System.Text.Json.Nodes;
using KubeSharp.Api.Model;
using KubeSharp.Api.Model.Core;
using KubeSharp.Api.Resources;
using KubeSharp.Scheduler.Framework.Matching;

namespace KubeSharp.Scheduler.Cache;

/// <summary>A host port a pod asks for: the node IP (0.0.0.0 for all), protocol and port.</summary>
public readonly record struct HostPort(string Ip, string Protocol, int Port)
{
    public const string AnyIp = "0.0.0.0";

    /// <summary>Two claims collide on the same protocol and port when either binds every address or both the same one.</summary>
    public bool ConflictsWith(HostPort other) =>
        Port == other.Port && Protocol == other.Protocol && (Ip == other.Ip || Ip == AnyIp || other.Ip == AnyIp);
}

/// <summary>The PodScheduled condition as last written, so an unchanged failure is not written again.</summary>
public sealed record ScheduledCondition(string Status, string? Reason, string? Message, DateTimeOffset? LastTransitionTime);

/// <summary>
/// Everything the scheduler needs about a pod, computed once from its JSON when the informer reports it:
/// requests, ports, selectors and affinity terms compiled. Immutable.
/// </summary>
public sealed record PodInfo
{
    public const string DefaultSchedulerName = "default-scheduler";
    /// <summary>What a container without a CPU request counts as when spreading (upstream's non-zero default).</summary>
    public const long DefaultMilliCpuRequest = 100;
    public const long DefaultMemoryRequest = 200L * 1024 * 1024;

    static readonly IReadOnlyDictionary<string, string> NoLabels = new Dictionary<string, string>();

    public required NamespacedName Key { get; init; }
    public string Namespace => Key.Namespace;
    public string Name => Key.Name;
    public string? Uid { get; init; }
    public IReadOnlyDictionary<string, string> Labels { get; init; } = NoLabels;
    public int Priority { get; init; }
    public string SchedulerName { get; init; } = DefaultSchedulerName;
    public string? NodeName { get; init; }
    public bool Deleting { get; init; }
    /// <summary>Succeeded or Failed: the pod no longer holds resources on its node.</summary>
    public bool Terminal { get; init; }
    public bool SchedulingGated { get; init; }
    public string? PreemptionPolicy { get; init; }
    public Resource Requests { get; init; } = new();
    /// <summary>Requests with upstream's defaults for containers that state none; used for scoring only.</summary>
    public Resource NonZeroRequests { get; init; } = new();
    public IReadOnlyList<HostPort> HostPorts { get; init; } = [];
    public IReadOnlyDictionary<string, string>? NodeSelector { get; init; }
    public NodeSelectorMatcher? RequiredNodeAffinity { get; init; }
    public IReadOnlyList<WeightedNodeTerm> PreferredNodeAffinity { get; init; } = [];
    public IReadOnlyList<Toleration> Tolerations { get; init; } = [];
    public IReadOnlyList<AffinityTerm> RequiredAffinity { get; init; } = [];
    public IReadOnlyList<AffinityTerm> RequiredAntiAffinity { get; init; } = [];
    public IReadOnlyList<AffinityTerm> PreferredAffinity { get; init; } = [];
    public IReadOnlyList<AffinityTerm> PreferredAntiAffinity { get; init; } = [];
    public IReadOnlyList<SpreadConstraint> SpreadConstraints { get; init; } = [];
    public ScheduledCondition? ScheduledCondition { get; init; }

    public bool HasAffinity => RequiredAffinity.Count + RequiredAntiAffinity.Count + PreferredAffinity.Count + PreferredAntiAffinity.Count > 0;

    /// <summary>A pending pod this scheduler should place.</summary>
    public bool IsPendingFor(string schedulerName) =>
        string.IsNullOrEmpty(NodeName) && SchedulerName == schedulerName && !Deleting && !Terminal;

    public static PodInfo FromJson(JsonObject obj) =>
        From(KubeJson.Deserialize<Pod>(obj) ?? throw new InvalidDataException("not a pod"));

    public static PodInfo From(Pod pod)
    {
        var meta = pod.Metadata;
        var spec = pod.Spec ?? new PodSpec();
        var ns = meta.Namespace ?? "";
        IReadOnlyDictionary<string, string> labels = meta.Labels is { Count: > 0 } l ? l : NoLabels;
        var affinity = spec.Affinity;
        var phase = pod.Status?.Phase;
        var scheduled = pod.Status?.Conditions?.FirstOrDefault(c => c.Type == "PodScheduled");
        return new PodInfo
        {
            Key = new NamespacedName(ns, meta.Name ?? ""),
            Uid = meta.Uid,
            Labels = labels,
            Priority = spec.Priority ?? 0,
            SchedulerName = string.IsNullOrEmpty(spec.SchedulerName) ? DefaultSchedulerName : spec.SchedulerName,
            NodeName = string.IsNullOrEmpty(spec.NodeName) ? null : spec.NodeName,
            Deleting = meta.DeletionTimestamp is not null,
            Terminal = phase is "Succeeded" or "Failed",
            SchedulingGated = spec.SchedulingGates is { Count: > 0 },
            PreemptionPolicy = spec.PreemptionPolicy,
            Requests = PodRequests(spec, nonZero: false),
            NonZeroRequests = PodRequests(spec, nonZero: true),
            HostPorts = HostPortsOf(spec),
            NodeSelector = spec.NodeSelector is { Count: > 0 } sel ? sel : null,
            RequiredNodeAffinity = NodeSelectorMatcher.From(affinity?.NodeAffinity?.RequiredDuringSchedulingIgnoredDuringExecution),
            PreferredNodeAffinity = [.. (affinity?.NodeAffinity?.PreferredDuringSchedulingIgnoredDuringExecution ?? [])
                .Where(p => p.Preference is not null && (p.Weight ?? 0) != 0)
                .Select(p => new WeightedNodeTerm(p.Weight ?? 0, NodeSelectorTermMatcher.From(p.Preference!)))],
            Tolerations = spec.Tolerations ?? [],
            RequiredAffinity = Terms(affinity?.PodAffinity?.RequiredDuringSchedulingIgnoredDuringExecution, ns, labels),
            RequiredAntiAffinity = Terms(affinity?.PodAntiAffinity?.RequiredDuringSchedulingIgnoredDuringExecution, ns, labels),
            PreferredAffinity = Weighted(affinity?.PodAffinity?.PreferredDuringSchedulingIgnoredDuringExecution, ns, labels),
            PreferredAntiAffinity = Weighted(affinity?.PodAntiAffinity?.PreferredDuringSchedulingIgnoredDuringExecution, ns, labels),
            SpreadConstraints = [.. (spec.TopologySpreadConstraints ?? []).Select(c => SpreadConstraint.From(c, labels))],
            ScheduledCondition = scheduled is null ? null : new ScheduledCondition(scheduled.Status, scheduled.Reason, scheduled.Message, scheduled.LastTransitionTime),
        };
    }

    /// <summary>A copy bound to <paramref name="nodeName"/>, as the cache assumes it before the binding lands.</summary>
    public PodInfo WithNode(string nodeName) => this with { NodeName = nodeName };

    static List<AffinityTerm> Terms(List<PodAffinityTerm>? terms, string ns, IReadOnlyDictionary<string, string> labels) =>
        terms is null ? [] : [.. terms.Select(t => AffinityTerm.From(t, ns, labels))];

    static List<AffinityTerm> Weighted(List<WeightedPodAffinityTerm>? terms, string ns, IReadOnlyDictionary<string, string> labels) =>
        terms is null ? [] : [.. terms.Where(t => t.PodAffinityTerm is not null).Select(t => AffinityTerm.From(t.PodAffinityTerm!, ns, labels, t.Weight ?? 0))];

    /// <summary>
    /// Upstream's pod request: the app containers (and sidecars) summed, raised to what any init container
    /// needs while it runs alongside the sidecars started before it, plus the pod overhead.
    /// </summary>
    static Resource PodRequests(PodSpec spec, bool nonZero)
    {
        var total = new Resource();
        foreach (var c in spec.Containers ?? []) total.Add(ContainerRequests(c.Resources, nonZero));
        var sidecars = new Resource();
        var initPeak = new Resource();
        foreach (var c in spec.InitContainers ?? [])
        {
            var r = ContainerRequests(c.Resources, nonZero);
            if (c.RestartPolicy == "Always")
            {
                total.Add(r);
                sidecars.Add(r);
                initPeak.Max(sidecars);
            }
            else
            {
                var running = sidecars.Clone();
                running.Add(r);
                initPeak.Max(running);
            }
        }
        total.Max(initPeak);
        if (spec.Overhead is { Count: > 0 } overhead) total.Add(Resource.From(overhead));
        return total;
    }

    static Resource ContainerRequests(ResourceRequirements? resources, bool nonZero)
    {
        var requests = resources?.Requests;
        if (!nonZero) return Resource.From(requests);
        var r = new Resource
        {
            MilliCpu = requests is not null && requests.TryGetValue(Resource.Cpu, out var cpu) ? cpu.MilliValue() : DefaultMilliCpuRequest,
            MemoryBytes = requests is not null && requests.TryGetValue(Resource.Memory, out var mem) ? mem.IntegerValue() : DefaultMemoryRequest,
        };
        return r;
    }

    static List<HostPort> HostPortsOf(PodSpec spec)
    {
        var ports = new List<HostPort>();
        foreach (var c in (spec.InitContainers ?? []).Concat(spec.Containers ?? []))
            foreach (var p in c.Ports ?? [])
                if (p.HostPort is > 0 and var port)
                    ports.Add(new HostPort(string.IsNullOrEmpty(p.HostIP) ? HostPort.AnyIp : p.HostIP, string.IsNullOrEmpty(p.Protocol) ? "TCP" : p.Protocol, port));
        return ports;
    }
}
