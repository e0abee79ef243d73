using KubeSharp.Scheduler.Cache;

namespace KubeSharp.Scheduler.Queue;

/// <summary>A pod waiting in (or taken from) the scheduling queue, with its attempt history.</summary>
public sealed class QueuedPodInfo(PodInfo pod, DateTimeOffset added)
{
    internal enum Where { Active, Backoff, Unschedulable, InFlight }

    public PodInfo Pod { get; internal set; } = pod;
    /// <summary>When the pod first entered the queue.</summary>
    public DateTimeOffset InitialAttempt { get; } = added;
    /// <summary>Scheduling attempts so far, this one included once popped.</summary>
    public int Attempts { get; internal set; }
    public DateTimeOffset? LastFailure { get; internal set; }
    /// <summary>Plugins that rejected the pod in its last attempt; decides which cluster changes retry it.</summary>
    public IReadOnlySet<string> UnschedulablePlugins { get; internal set; } = new HashSet<string>();

    internal Where State { get; set; }
    internal long Version { get; set; }
    internal long PoppedAtCycle { get; set; }
}
