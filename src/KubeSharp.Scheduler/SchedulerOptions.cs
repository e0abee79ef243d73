namespace KubeSharp.Scheduler;

public sealed record SchedulerOptions
{
    /// <summary>The <c>spec.schedulerName</c> this scheduler serves (pods without one are its too).</summary>
    public string SchedulerName { get; init; } = Cache.PodInfo.DefaultSchedulerName;
    /// <summary>Share of nodes to find feasible before scoring; 0 = upstream's adaptive 50% − nodes/125 (at least 5%).</summary>
    public int PercentageOfNodesToScore { get; init; }
    /// <summary>Filter nodes in parallel when a cycle has to look at least at this many.</summary>
    public int ParallelFilterThreshold { get; init; } = 2048;
    /// <summary>Bindings in flight at once; scheduling goes on while they complete.</summary>
    public int BindParallelism { get; init; } = 64;
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromSeconds(1);
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>Unschedulable pods are retried at least this often even if nothing relevant changed.</summary>
    public TimeSpan MaxUnschedulableDuration { get; init; } = TimeSpan.FromMinutes(5);
    /// <summary>Event queue size; events beyond it are dropped rather than slowing scheduling.</summary>
    public int EventQueueCapacity { get; init; } = 10_000;
}
