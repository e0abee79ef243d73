namespace KubeSharp.Bench.Pods;

/// <summary>
/// What the client saw of one pod, in <see cref="System.Diagnostics.Stopwatch"/> ticks: when its create was sent and
/// answered, and when a watch event first showed it bound to a node and Running with every container started.
/// </summary>
public sealed class PodTimeline(string name)
{
    readonly TaskCompletionSource running = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Name => name;
    public long Sent { get; set; }
    /// <summary>Wall clock at <see cref="Sent"/>, to line the agent's trace (wall-clock stamps) up with it.</summary>
    public DateTimeOffset SentWall { get; set; }
    public long Answered { get; set; }
    public long? Scheduled { get; private set; }
    public long? Running { get; private set; }
    public Task RunningTask => running.Task;

    public void ObserveScheduled(long now) => Scheduled ??= now;

    public void ObserveRunning(long now)
    {
        Scheduled ??= now;
        if (Running is not null) return;
        Running = now;
        running.TrySetResult();
    }
}
