using System.Globalization;
using System.Text.Json.Nodes;
using static KubeSharp.ApiServer.Printers.JsonRead;

namespace KubeSharp.ApiServer.Printers.Core;

/// <summary>
/// pods: NAME READY STATUS RESTARTS AGE, wide IP NODE NOMINATED NODE READINESS GATES. STATUS is worked out
/// as kubectl users know it: init progress, the most telling container reason, Completed, Terminating.
/// </summary>
public sealed class PodPrinter : ITablePrinter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.NameColumn,
        TableColumn.Text("Ready", "Ready containers out of all containers."),
        TableColumn.Text("Status", "Summary of the pod's phase and container states."),
        TableColumn.Text("Restarts", "Container restarts, and how long ago the last one was."),
        TableColumn.AgeColumn,
        TableColumn.Text("IP", "The pod's first IP address.", 1),
        TableColumn.Text("Node", "The node the pod is bound to.", 1),
        TableColumn.Text("Nominated Node", "The node the scheduler plans to bind the pod to after preemption.", 1),
        TableColumn.Text("Readiness Gates", "Readiness gates that are true, out of all gates.", 1),
    ];

    public object?[] Cells(JsonObject pod, DateTimeOffset now)
    {
        var summary = Summarize(pod);
        var restarts = summary.Restarts.ToString(CultureInfo.InvariantCulture);
        if (summary.Restarts != 0 && summary.LastRestart is { } last)
            restarts = $"{summary.Restarts} ({HumanDuration.Since(last, now)} ago)";

        var podIp = Objects(pod, "status", "podIPs").Select(p => Str(p, "ip")).FirstOrDefault() ?? Str(pod, "status", "podIP");
        return
        [
            Name(pod),
            $"{summary.Ready}/{summary.Total}",
            summary.Status,
            restarts,
            Age(pod, now),
            NoneIfEmpty(podIp),
            NoneIfEmpty(Str(pod, "spec", "nodeName")),
            NoneIfEmpty(Str(pod, "status", "nominatedNodeName")),
            ReadinessGates(pod),
        ];
    }

    /// <summary>What the READY, STATUS and RESTARTS columns are computed from.</summary>
    public sealed record PodSummary(int Ready, int Total, string Status, long Restarts, DateTimeOffset? LastRestart);

    public static PodSummary Summarize(JsonObject pod)
    {
        var spec = Obj(pod, "spec");
        var status = Obj(pod, "status");
        var phase = Str(status, "phase") ?? "";
        var reason = Str(status, "reason") is { Length: > 0 } r ? r : phase;

        var conditions = Objects(status, "conditions").ToList();
        if (conditions.Any(c => Str(c, "type") == "PodScheduled" && Str(c, "reason") == "SchedulingGated"))
            reason = "SchedulingGated";

        var initSpecs = Objects(spec, "initContainers").ToList();
        var sidecars = initSpecs.Where(c => Str(c, "restartPolicy") == "Always").Select(c => Str(c, "name")).ToHashSet();
        int total = Objects(spec, "containers").Count() + sidecars.Count;
        int ready = 0;
        long restarts = 0, sidecarRestarts = 0;
        DateTimeOffset? lastRestart = null, lastSidecarRestart = null;

        bool initializing = false;
        var initStatuses = Objects(status, "initContainerStatuses").ToList();
        for (int i = 0; i < initStatuses.Count; i++)
        {
            var cs = initStatuses[i];
            bool isSidecar = sidecars.Contains(Str(cs, "name"));
            var finished = Time(cs, "lastState", "terminated", "finishedAt");
            restarts += Long(cs, "restartCount");
            lastRestart = Later(lastRestart, finished);
            if (isSidecar)
            {
                sidecarRestarts += Long(cs, "restartCount");
                lastSidecarRestart = Later(lastSidecarRestart, finished);
            }

            var terminated = Obj(cs, "state", "terminated");
            var waitingReason = Str(cs, "state", "waiting", "reason");
            if (terminated is not null && Long(terminated, "exitCode") == 0)
                continue;
            if (isSidecar && Bool(cs, "started"))
            {
                if (Bool(cs, "ready")) ready++;
                continue;
            }
            if (terminated is not null)
                reason = Str(terminated, "reason") is { Length: > 0 } tr ? "Init:" + tr
                    : Long(terminated, "signal") != 0 ? $"Init:Signal:{Long(terminated, "signal")}"
                    : $"Init:ExitCode:{Long(terminated, "exitCode")}";
            else if (waitingReason is { Length: > 0 } && waitingReason != "PodInitializing")
                reason = "Init:" + waitingReason;
            else
                reason = $"Init:{i}/{initSpecs.Count}";
            initializing = true;
            break;
        }

        bool initialized = conditions.Any(c => Str(c, "type") == "Initialized" && Str(c, "status") == "True");
        if (!initializing || initialized)
        {
            restarts = sidecarRestarts;
            lastRestart = lastSidecarRestart;
            bool hasRunning = false;
            var statuses = Objects(status, "containerStatuses").ToList();
            // Walk backwards so the first container's state wins, as kubectl shows it.
            for (int i = statuses.Count - 1; i >= 0; i--)
            {
                var cs = statuses[i];
                restarts += Long(cs, "restartCount");
                lastRestart = Later(lastRestart, Time(cs, "lastState", "terminated", "finishedAt"));
                var terminated = Obj(cs, "state", "terminated");
                if (Str(cs, "state", "waiting", "reason") is { Length: > 0 } wr)
                    reason = wr;
                else if (terminated is not null && Str(terminated, "reason") is { Length: > 0 } tr)
                    reason = tr;
                else if (terminated is not null)
                    reason = Long(terminated, "signal") != 0 ? $"Signal:{Long(terminated, "signal")}" : $"ExitCode:{Long(terminated, "exitCode")}";
                else if (Bool(cs, "ready") && Obj(cs, "state", "running") is not null)
                {
                    hasRunning = true;
                    ready++;
                }
            }

            if (reason == "Completed" && hasRunning)
                reason = conditions.Any(c => Str(c, "type") == "Ready" && Str(c, "status") == "True") ? "Running" : "NotReady";
        }

        if (IsDeleting(pod))
        {
            if (Str(status, "reason") == "NodeLost")
                reason = "Unknown";
            else if (phase is not ("Succeeded" or "Failed"))
                reason = "Terminating";
        }
        return new PodSummary(ready, total, reason, restarts, lastRestart);
    }

    static string ReadinessGates(JsonObject pod)
    {
        var gates = Objects(pod, "spec", "readinessGates").Select(g => Str(g, "conditionType")).ToList();
        if (gates.Count == 0) return PrinterFormat.None;
        var conditions = Objects(pod, "status", "conditions").ToList();
        int trueCount = gates.Count(g => conditions.FirstOrDefault(c => Str(c, "type") == g) is { } c && Str(c, "status") == "True");
        return $"{trueCount}/{gates.Count}";
    }

    static DateTimeOffset? Later(DateTimeOffset? a, DateTimeOffset? b) => b is null ? a : a is null || b > a ? b : a;

    static string NoneIfEmpty(string? s) => string.IsNullOrEmpty(s) ? PrinterFormat.None : s;
}
