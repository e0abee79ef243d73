using KubeSharp.Scheduler.Queue;
using static KubeSharp.Scheduler.Tests.Fakes.Objects;

namespace KubeSharp.Scheduler.Tests;

public sealed class QueueTests
{
    [Fact]
    public async Task Pops_higher_priority_first_then_in_arrival_order()
    {
        var queue = new SchedulingQueue(TimeProvider.System);
        queue.Add(Pod("low1", spec: """{"priority":0}"""));
        queue.Add(Pod("high", spec: """{"priority":100}"""));
        queue.Add(Pod("low2", spec: """{"priority":0}"""));
        var order = new List<string>();
        for (var i = 0; i < 3; i++) order.Add((await queue.PopAsync(CancellationToken.None))!.Pod.Name);
        Assert.Equal(["high", "low1", "low2"], order);
    }

    [Fact]
    public void Backoff_doubles_from_one_second_to_ten()
    {
        var queue = new SchedulingQueue(TimeProvider.System);
        Assert.Equal([1, 2, 4, 8, 10, 10], Enumerable.Range(1, 6).Select(a => queue.BackoffDuration(a).TotalSeconds));
    }

    [Fact]
    public async Task Unschedulable_pods_wait_for_a_move_and_then_their_backoff()
    {
        var queue = new SchedulingQueue(TimeProvider.System, new SchedulerOptions { InitialBackoff = TimeSpan.FromMilliseconds(200) });
        queue.Add(Pod("p"));
        var popped = (await queue.PopAsync(CancellationToken.None))!;
        queue.AddUnschedulable(popped, new HashSet<string> { "NodeAffinity" });
        Assert.Equal(1, queue.UnschedulableCount);

        using var quiet = new CancellationTokenSource(TimeSpan.FromMilliseconds(400));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await queue.PopAsync(quiet.Token));

        // A change that only frees resources does not help a pod that failed on node affinity.
        queue.MoveAllToActiveOrBackoff(q => q.UnschedulablePlugins.Contains("NodeResourcesFit"));
        Assert.Equal(1, queue.UnschedulableCount);
        queue.MoveAllToActiveOrBackoff();
        Assert.Equal(0, queue.UnschedulableCount);
        var again = await queue.PopAsync(CancellationToken.None);
        Assert.Equal("p", again!.Pod.Name);
        Assert.Equal(2, again.Attempts);
    }

    [Fact]
    public async Task A_deleted_pod_is_never_popped()
    {
        var queue = new SchedulingQueue(TimeProvider.System);
        queue.Add(Pod("gone"));
        queue.Add(Pod("kept"));
        queue.Delete(new("default", "gone"));
        Assert.Equal("kept", (await queue.PopAsync(CancellationToken.None))!.Pod.Name);
        Assert.Equal(0, queue.ActiveCount);
    }
}
