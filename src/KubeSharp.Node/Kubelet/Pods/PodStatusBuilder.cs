using KubeSharp.Api.Model.Core;
using KubeSharp.Node.Runtime;
using ApiContainerState = KubeSharp.Api.Model.Core.ContainerState;
using ApiContainerStatus = KubeSharp.Api.Model.Core.ContainerStatus;
using RuntimeState = KubeSharp.Node.Runtime.ContainerState;
using RuntimeStatus = KubeSharp.Node.Runtime.ContainerStatus;

namespace KubeSharp.Node.Kubelet.Pods;

/// <summary>Where a pod's init sequence stands.</summary>
/// <param name="Failed">A regular init container failed and the pod's <c>restartPolicy</c> is Never.</param>
public sealed record InitProgress(bool Initialized, bool Failed, IReadOnlyList<string> Incomplete);

/// <summary>
/// Computes <c>status</c> of a pod from what the runtime reports, as upstream's kubelet does: the phase
/// (<c>getPhase</c>), the conditions (keeping transition times while a condition holds) and per-container
/// state, last state, readiness and restart counts.
/// </summary>
public static class PodStatusBuilder
{
    public static InitProgress Init(Pod pod, IReadOnlyDictionary<string, ContainerObservation> containers)
    {
        var appStarted = (pod.Spec?.Containers ?? []).Any(c => containers.GetValueOrDefault(c.Name)?.Latest is not null);
        var incomplete = new List<string>();
        var failed = false;
        foreach (var init in pod.Spec?.InitContainers ?? [])
        {
            var latest = containers.GetValueOrDefault(init.Name)?.Latest;
            var sidecar = init.RestartPolicy == "Always";
            if (sidecar)
            {
                var o = containers.GetValueOrDefault(init.Name);
                if (latest?.State != RuntimeState.Running || o?.Started != true) incomplete.Add(init.Name);
                continue;
            }
            if (latest is { State: RuntimeState.Exited, ExitCode: 0 }) continue;
            incomplete.Add(init.Name);
            if (latest is { State: RuntimeState.Exited } && pod.Spec?.RestartPolicy == "Never") failed = true;
        }
        // Once app containers were started the pod stays initialized, even if init records were cleaned up.
        var initialized = incomplete.Count == 0 || (appStarted && !failed);
        return new InitProgress(initialized, failed, initialized ? [] : incomplete);
    }

    public static string Phase(Pod pod, IReadOnlyDictionary<string, ContainerObservation> containers, InitProgress init)
    {
        if (init.Failed) return "Failed";
        if (!init.Initialized) return "Pending";
        int running = 0, waiting = 0, stopped = 0, succeeded = 0, unknown = 0;
        foreach (var container in pod.Spec?.Containers ?? [])
        {
            var latest = containers.GetValueOrDefault(container.Name)?.Latest;
            switch (latest?.State)
            {
                case RuntimeState.Running:
                    running++;
                    break;
                case RuntimeState.Exited:
                    stopped++;
                    if (latest.ExitCode == 0) succeeded++;
                    break;
                case RuntimeState.Unknown:
                    unknown++;
                    break;
                default:
                    waiting++;
                    break;
            }
        }
        var policy = pod.Spec?.RestartPolicy ?? "Always";
        if (waiting > 0) return "Pending";
        if (running > 0 && unknown == 0) return "Running";
        if (running == 0 && stopped > 0 && unknown == 0)
        {
            return policy switch
            {
                "Always" => "Running",
                "OnFailure" => stopped == succeeded ? "Succeeded" : "Running",
                _ => stopped == succeeded ? "Succeeded" : "Failed",
            };
        }
        return unknown > 0 ? "Unknown" : "Pending";
    }

    public static PodStatus Build(PodStatusInput input)
    {
        var pod = input.Pod;
        var previous = pod.Status;
        var init = Init(pod, input.Containers);
        var phase = Phase(pod, input.Containers, init);
        var terminal = phase is "Succeeded" or "Failed";

        var initStatuses = (pod.Spec?.InitContainers ?? [])
            .Select(c => ContainerStatusOf(c, input.Containers.GetValueOrDefault(c.Name), init.Initialized, isInit: true)).ToList();
        var appStatuses = (pod.Spec?.Containers ?? [])
            .Select(c => ContainerStatusOf(c, input.Containers.GetValueOrDefault(c.Name), init.Initialized, isInit: false)).ToList();

        var unready = appStatuses.Where(s => s.Ready != true).Select(s => s.Name).ToList();
        var gatesMet = (pod.Spec?.ReadinessGates ?? []).All(g =>
            previous?.Conditions?.FirstOrDefault(c => c.Type == g.ConditionType)?.Status == "True");
        var conditions = new List<PodCondition>
        {
            Condition(previous, input.Now, "PodReadyToStartContainers", input.SandboxReady && !terminal),
            init.Initialized
                ? Condition(previous, input.Now, "Initialized", true)
                : Condition(previous, input.Now, "Initialized", false, "ContainersNotInitialized", $"containers with incomplete status: [{string.Join(' ', init.Incomplete)}]"),
        };
        if (terminal)
        {
            conditions.Add(Condition(previous, input.Now, "Ready", false, "PodCompleted", null));
            conditions.Add(Condition(previous, input.Now, "ContainersReady", false, "PodCompleted", null));
        }
        else if (unready.Count > 0)
        {
            var message = $"containers with unready status: [{string.Join(' ', unready)}]";
            conditions.Add(Condition(previous, input.Now, "Ready", false, "ContainersNotReady", message));
            conditions.Add(Condition(previous, input.Now, "ContainersReady", false, "ContainersNotReady", message));
        }
        else
        {
            conditions.Add(gatesMet
                ? Condition(previous, input.Now, "Ready", true)
                : Condition(previous, input.Now, "Ready", false, "ReadinessGatesNotReady", "corresponding condition of pod readiness gate is not true"));
            conditions.Add(Condition(previous, input.Now, "ContainersReady", true));
        }
        conditions.Add(previous?.Conditions?.FirstOrDefault(c => c.Type == "PodScheduled")
            ?? Condition(previous, input.Now, "PodScheduled", true));
        // Conditions others own (readiness gates, DisruptionTarget…) are carried over untouched.
        var ours = conditions.Select(c => c.Type).ToHashSet();
        conditions.AddRange((previous?.Conditions ?? []).Where(c => !ours.Contains(c.Type)));

        var podIp = input.PodIp ?? previous?.PodIP;
        return new PodStatus
        {
            Phase = phase,
            Conditions = conditions,
            HostIP = input.HostIp,
            HostIPs = [new HostIP { IP = input.HostIp }],
            PodIP = podIp,
            PodIPs = podIp is null ? null : [new PodIP { IP = podIp }],
            StartTime = previous?.StartTime ?? input.Now,
            InitContainerStatuses = initStatuses.Count > 0 ? initStatuses : null,
            ContainerStatuses = appStatuses,
            QOSClass = previous?.QOSClass,
        };
    }

    static ApiContainerStatus ContainerStatusOf(Container spec, ContainerObservation? o, bool initialized, bool isInit)
    {
        var latest = o?.Latest;
        ApiContainerState state;
        ApiContainerState lastState = new();
        if (latest is null || latest.State == RuntimeState.Created)
        {
            var reason = o?.WaitingReason ?? (isInit || initialized ? "ContainerCreating" : "PodInitializing");
            state = new ApiContainerState { Waiting = new ContainerStateWaiting { Reason = reason, Message = o?.WaitingMessage } };
            if (o?.Previous is { } p) lastState = Terminated(p, o.PreviousMessage);
        }
        else if (latest.State == RuntimeState.Running)
        {
            state = new ApiContainerState { Running = new ContainerStateRunning { StartedAt = latest.StartedAt } };
            if (o!.Previous is { } p) lastState = Terminated(p, o.PreviousMessage);
        }
        else if (o!.WaitingReason is { } waiting)
        {
            state = new ApiContainerState { Waiting = new ContainerStateWaiting { Reason = waiting, Message = o.WaitingMessage } };
            lastState = Terminated(latest, o.LatestMessage);
        }
        else
        {
            state = Terminated(latest, o.LatestMessage);
            if (o.Previous is { } p) lastState = Terminated(p, o.PreviousMessage);
        }
        var running = latest?.State == RuntimeState.Running;
        return new ApiContainerStatus
        {
            Name = spec.Name,
            State = state,
            LastState = lastState,
            Ready = running && o!.Ready && o.Started,
            RestartCount = latest?.Attempt ?? o?.Previous?.Attempt ?? 0,
            Image = spec.Image ?? "",
            ImageID = latest is null ? "" : o?.ImageId ?? latest.ImageId,
            ContainerID = latest is null ? null : "runc://" + latest.Id,
            Started = running && o!.Started,
        };
    }

    static ApiContainerState Terminated(RuntimeStatus status, string? message)
    {
        if (status.State == RuntimeState.Unknown)
            return new ApiContainerState
            {
                Terminated = new ContainerStateTerminated
                {
                    ExitCode = 137,
                    Reason = "ContainerStatusUnknown",
                    Message = "The container could not be located when the pod was terminated",
                    ContainerID = "runc://" + status.Id,
                },
            };
        return new ApiContainerState
        {
            Terminated = new ContainerStateTerminated
            {
                ExitCode = status.ExitCode ?? 0,
                Reason = status.Reason ?? (status.ExitCode == 0 ? "Completed" : "Error"),
                Message = string.IsNullOrEmpty(message) ? status.Reason == "StartError" ? status.Message : null : message,
                StartedAt = status.StartedAt ?? status.CreatedAt,
                FinishedAt = status.FinishedAt,
                ContainerID = "runc://" + status.Id,
            },
        };
    }

    static PodCondition Condition(PodStatus? previous, DateTimeOffset now, string type, bool status, string? reason = null, string? message = null)
    {
        var value = status ? "True" : "False";
        var before = previous?.Conditions?.FirstOrDefault(c => c.Type == type);
        var transition = before is not null && before.Status == value && before.LastTransitionTime is { } t ? t : now;
        return new PodCondition
        {
            Type = type,
            Status = value,
            LastTransitionTime = transition,
            Reason = reason,
            Message = message,
        };
    }
}
