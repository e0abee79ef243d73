using Microsoft.Extensions.Logging;

namespace KubeSharp.Scheduler;

static partial class SchedulerLog
{
    [LoggerMessage(1, LogLevel.Information, "scheduler {Name} started: {Nodes} nodes, {Pending} pending pods")]
    public static partial void Started(this ILogger logger, string name, int nodes, int pending);

    [LoggerMessage(2, LogLevel.Debug, "pod {Pod} is unschedulable: {Message}")]
    public static partial void Unschedulable(this ILogger logger, string pod, string message);

    [LoggerMessage(3, LogLevel.Warning, "binding pod {Pod} to {Node} failed")]
    public static partial void BindFailed(this ILogger logger, string pod, string node, Exception error);

    [LoggerMessage(4, LogLevel.Warning, "could not update the PodScheduled condition of {Pod}")]
    public static partial void ConditionFailed(this ILogger logger, string pod, Exception error);

    [LoggerMessage(5, LogLevel.Error, "scheduling pod {Pod} failed")]
    public static partial void CycleFailed(this ILogger logger, string pod, Exception error);

    [LoggerMessage(6, LogLevel.Warning, "ignoring {Kind} {Name} the scheduler cannot read")]
    public static partial void Unreadable(this ILogger logger, string kind, string name, Exception error);
}
