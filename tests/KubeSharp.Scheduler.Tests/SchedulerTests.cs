using System.Text.Json.Nodes;
using KubeSharp.Api.Errors;
using KubeSharp.Client.Cache;
using KubeSharp.Scheduler.Tests.Fakes;
using static KubeSharp.Scheduler.Tests.Fakes.Objects;

namespace KubeSharp.Scheduler.Tests;

public sealed class SchedulerTests
{
    static readonly SchedulerOptions Fast = new() { InitialBackoff = TimeSpan.FromMilliseconds(20), MaxBackoff = TimeSpan.FromMilliseconds(100) };

    sealed class Running(InMemoryApi api, Scheduler scheduler, SharedInformerFactory informers, CancellationTokenSource stop, Task run) : IAsyncDisposable
    {
        public InMemoryApi Api => api;
        public Scheduler Scheduler => scheduler;

        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            await run.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await scheduler.DisposeAsync();
            await informers.DisposeAsync();
            stop.Dispose();
        }
    }

    static Running Start(InMemoryApi api, SchedulerOptions? options = null)
    {
        var informers = new SharedInformerFactory(api, TimeProvider.System);
        var scheduler = new Scheduler(api, informers, TimeProvider.System, options ?? Fast);
        var stop = new CancellationTokenSource();
        return new Running(api, scheduler, informers, stop, Task.Run(() => scheduler.RunAsync(stop.Token)));
    }

    static async Task Eventually(Func<bool> condition, string what, int seconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException(what);
            await Task.Delay(10);
        }
    }

    static string? NodeOf(JsonObject pod) => pod["spec"]?["nodeName"]?.GetValue<string>();

    static JsonObject? ScheduledCondition(JsonObject pod) =>
        pod["status"]?["conditions"]?.AsArray().OfType<JsonObject>().FirstOrDefault(c => c["type"]?.GetValue<string>() == "PodScheduled");

    [Fact]
    public async Task A_burst_never_overcommits_a_node()
    {
        var api = new InMemoryApi();
        await api.CreateAsync(Scheduler.NodesResource, null, NodeJson("a", cpu: "4"));
        await api.CreateAsync(Scheduler.NodesResource, null, NodeJson("b", cpu: "4"));
        for (var i = 0; i < 20; i++) await api.CreateAsync(Scheduler.PodsResource, "default", PodJson($"p{i}", cpu: "1"));
        await using var run = Start(api);

        await Eventually(() => run.Scheduler.BoundCount == 8 && run.Scheduler.Queue.UnschedulableCount == 12, "8 bound, 12 unschedulable");
        var pods = api.All(Scheduler.PodsResource);
        Assert.Equal(4, pods.Count(p => NodeOf(p) == "a"));
        Assert.Equal(4, pods.Count(p => NodeOf(p) == "b"));
        await Eventually(() => api.All(Scheduler.PodsResource).Count(p => ScheduledCondition(p)?["reason"]?.GetValue<string>() == "Unschedulable") == 12, "conditions written");
        var pending = api.All(Scheduler.PodsResource).First(p => NodeOf(p) is null);
        Assert.Equal("0/2 nodes are available: 2 Insufficient cpu. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.",
            ScheduledCondition(pending)!["message"]!.GetValue<string>());
        Assert.Equal("False", ScheduledCondition(pending)!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unschedulable_pods_are_retried_when_a_node_is_added()
    {
        var api = new InMemoryApi();
        await api.CreateAsync(Scheduler.NodesResource, null, NodeJson("a", labels: """{"disk":"hdd"}"""));
        await api.CreateAsync(Scheduler.PodsResource, "default", PodJson("p", spec: """{"nodeSelector":{"disk":"ssd"}}"""));
        await using var run = Start(api);

        await Eventually(() => ScheduledCondition(api.Get(Scheduler.PodsResource, "default", "p")!) is not null, "pod marked unschedulable");
        Assert.Null(NodeOf(api.Get(Scheduler.PodsResource, "default", "p")!));
        await Eventually(() => api.All(new("", "v1", "events")).Any(e => e["reason"]?.GetValue<string>() == "FailedScheduling"), "FailedScheduling event");

        await api.CreateAsync(Scheduler.NodesResource, null, NodeJson("b", labels: """{"disk":"ssd"}"""));
        await Eventually(() => NodeOf(api.Get(Scheduler.PodsResource, "default", "p")!) == "b", "pod bound to the new node");
        await Eventually(() => api.All(new("", "v1", "events")).Any(e => e["reason"]?.GetValue<string>() == "Scheduled"
            && e["message"]?.GetValue<string>() == "Successfully assigned default/p to b"), "Scheduled event");
    }

    [Fact]
    public async Task A_failed_binding_releases_the_assumed_resources_and_is_retried()
    {
        var api = new InMemoryApi();
        var failures = 1;
        api.FailBinding = name => name == "p" && Interlocked.Decrement(ref failures) >= 0 ? new StatusError(500, "InternalError", "boom") : null;
        await api.CreateAsync(Scheduler.NodesResource, null, NodeJson("a", cpu: "1"));
        await api.CreateAsync(Scheduler.PodsResource, "default", PodJson("p", cpu: "1"));
        await using var run = Start(api);

        await Eventually(() => NodeOf(api.Get(Scheduler.PodsResource, "default", "p")!) == "a", "bound after the retry");
        Assert.Equal(1, api.Bindings);
        await Eventually(() => run.Scheduler.Cache.NodeInfo("a")?.Requested.MilliCpu == 1000, "counted once");
    }

    [Fact]
    public async Task Pods_of_other_schedulers_and_bound_pods_are_left_alone()
    {
        var api = new InMemoryApi();
        await api.CreateAsync(Scheduler.NodesResource, null, NodeJson("a"));
        await api.CreateAsync(Scheduler.PodsResource, "default", PodJson("other", spec: """{"schedulerName":"custom"}"""));
        await api.CreateAsync(Scheduler.PodsResource, "default", PodJson("mine"));
        await using var run = Start(api);

        await Eventually(() => NodeOf(api.Get(Scheduler.PodsResource, "default", "mine")!) == "a", "mine bound");
        await Task.Delay(100);
        Assert.Null(NodeOf(api.Get(Scheduler.PodsResource, "default", "other")!));
        Assert.Equal(1, api.Bindings);
    }
}
