using System.Text.Json.Nodes;
using KubeSharp.Client;
using KubeSharp.Client.Cache;
using KubeSharp.Node.Simulated;
using KubeSharp.Scheduler.Tests.Fakes;
using static KubeSharp.Scheduler.Tests.Fakes.Objects;

namespace KubeSharp.Scheduler.Tests;

/// <summary>The scheduler and simulated nodes together on the in-memory API.</summary>
public sealed class SimulatedNodePoolTests
{
    static async Task Eventually(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException(what);
            await Task.Delay(10);
        }
    }

    static async Task<(SimulatedNodePool Pool, Scheduler Scheduler, Func<ValueTask> Stop)> StartAsync(InMemoryApi api, int nodes)
    {
        var stop = new CancellationTokenSource();
        var pool = new SimulatedNodePool(api, nodes, "sim-", TimeProvider.System);
        await pool.StartAsync(stop.Token);
        var informers = new SharedInformerFactory(api, TimeProvider.System);
        var scheduler = new Scheduler(api, informers, TimeProvider.System);
        var run = Task.Run(() => scheduler.RunAsync(stop.Token));
        return (pool, scheduler, async () =>
        {
            await stop.CancelAsync();
            await run.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await scheduler.DisposeAsync();
            await informers.DisposeAsync();
            await pool.DisposeAsync();
        });
    }

    static string? Str(JsonNode? n) => n?.GetValue<string>();

    [Fact]
    public async Task Registers_ready_nodes_with_leases_and_runs_scheduled_pods()
    {
        var api = new InMemoryApi();
        var (pool, _, stop) = await StartAsync(api, 3);
        try
        {
            var nodes = api.All(SimulatedNodePool.NodesResource);
            Assert.Equal(["sim-0", "sim-1", "sim-2"], nodes.Select(n => Str(n["metadata"]!["name"])).Order());
            Assert.All(nodes, n => Assert.Equal("True", Str(n["status"]!["conditions"]!.AsArray().First(c => Str(c!["type"]) == "Ready")!["status"])));
            Assert.All(nodes, n => Assert.Equal("kwok", Str(n["metadata"]!["labels"]!["type"])));
            Assert.Equal(3, api.All(SimulatedNodePool.LeasesResource).Count);

            for (var i = 0; i < 30; i++) await api.CreateAsync(SimulatedNodePool.PodsResource, "default", PodJson($"p{i}", cpu: "100m"));
            await Eventually(() => api.All(SimulatedNodePool.PodsResource).All(p => Str(p["status"]?["phase"]) == "Running"), "all pods running");
            var pods = api.All(SimulatedNodePool.PodsResource);
            var ips = pods.Select(p => Str(p["status"]!["podIP"])!).ToList();
            Assert.Equal(30, ips.Distinct().Count());
            Assert.All(pods, p =>
            {
                var node = pool.Nodes.Single(n => n.Name == Str(p["spec"]!["nodeName"]));
                Assert.StartsWith(node.PodCidr[..^4], Str(p["status"]!["podIP"]));
                Assert.Equal(node.HostIp, Str(p["status"]!["hostIP"]));
                Assert.True(p["status"]!["containerStatuses"]![0]!["ready"]!.GetValue<bool>());
                Assert.Equal("True", Str(p["status"]!["conditions"]!.AsArray().First(c => Str(c!["type"]) == "Ready")!["status"]));
            });
        }
        finally { await stop(); }
    }

    [Fact]
    public async Task Scripted_pods_exit_and_graceful_deletions_complete()
    {
        var api = new InMemoryApi();
        var (_, _, stop) = await StartAsync(api, 2);
        try
        {
            var job = PodJson("job", spec: """{"restartPolicy":"Never"}""");
            job["metadata"]!["annotations"] = new JsonObject { [SimulatedAnnotations.ExitCode] = "3", [SimulatedAnnotations.Duration] = "200ms" };
            await api.CreateAsync(SimulatedNodePool.PodsResource, "default", job);
            await api.CreateAsync(SimulatedNodePool.PodsResource, "default", PodJson("web"));

            await Eventually(() => Str(api.Get(SimulatedNodePool.PodsResource, "default", "job")?["status"]?["phase"]) == "Failed", "job failed with its exit code");
            var exited = api.Get(SimulatedNodePool.PodsResource, "default", "job")!;
            Assert.Equal(3, exited["status"]!["containerStatuses"]![0]!["state"]!["terminated"]!["exitCode"]!.GetValue<int>());

            await Eventually(() => Str(api.Get(SimulatedNodePool.PodsResource, "default", "web")?["status"]?["phase"]) == "Running", "web running");
            await api.PatchAsync(SimulatedNodePool.PodsResource, "default", "web", PatchType.Merge, """{"metadata":{"deletionTimestamp":"2025-01-01T00:00:00Z"}}""");
            await Eventually(() => api.Get(SimulatedNodePool.PodsResource, "default", "web") is null, "deleted for real");
        }
        finally { await stop(); }
    }

    [Theory]
    [InlineData("0s", 0)]
    [InlineData("250ms", 250)]
    [InlineData("1m30s", 90_000)]
    [InlineData("1.5s", 1500)]
    public void Go_durations(string text, int ms)
    {
        Assert.True(GoDuration.TryParse(text, out var d));
        Assert.Equal(ms, d.TotalMilliseconds);
    }

    [Fact]
    public void Node_ranges_do_not_overlap_past_256_nodes()
    {
        Assert.Equal("10.244.0.0/24", new SimulatedNode("a", 0).PodCidr);
        Assert.Equal("10.245.4.0/24", new SimulatedNode("b", 260).PodCidr);
        var node = new SimulatedNode("c", 1);
        Assert.Equal("10.244.1.2", node.AllocateIp("u1"));
        Assert.Equal("10.244.1.2", node.AllocateIp("u1"));
        Assert.Equal("10.244.1.3", node.AllocateIp("u2"));
    }
}
