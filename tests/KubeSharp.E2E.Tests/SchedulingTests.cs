using KubeSharp.E2E.Tests.Infrastructure;

namespace KubeSharp.E2E.Tests;

/// <summary>A server with three simulated nodes and the scheduler: pods get bound, run, and wait when nothing fits.</summary>
public sealed class SchedulingTests : IAsyncLifetime
{
    KubeSharpServer _server = null!;

    Kubectl Kubectl => _server.Kubectl;

    public async Task InitializeAsync() => _server = await KubeSharpServer.StartAsync(null, "--simulated-nodes", "3");

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task PodsAreScheduledOntoSimulatedNodesAndPendingOnesWaitForAMatchingNode()
    {
        var nodes = await Kubectl.EventuallyAsync(o => o.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.Contains(" Ready ")) == 3,
            TimeSpan.FromSeconds(20), "get", "nodes");
        Assert.Contains("kwok-node-0", nodes);

        await Kubectl.OkAsync("create", "namespace", "sched");
        await Kubectl.OkAsync("-n", "sched", "run", "web", "--image=busybox");
        await Kubectl.EventuallyAsync(o => o.StartsWith("Running kwok-node-", StringComparison.Ordinal) && o.Contains(" 10.24"),
            TimeSpan.FromSeconds(30), "-n", "sched", "get", "pod", "web", "-o", "jsonpath={.status.phase} {.spec.nodeName} {.status.podIP}");
        var wide = await Kubectl.OkAsync("-n", "sched", "get", "pod", "web", "-o", "wide");
        Assert.Contains("1/1", wide);
        Assert.Contains("Running", wide);

        await Kubectl.ApplyAsync("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: picky
              namespace: sched
            spec:
              nodeSelector:
                disk: ssd
              containers:
              - name: app
                image: busybox
            """);
        var describe = await Kubectl.EventuallyAsync(o => o.Contains("FailedScheduling"), TimeSpan.FromSeconds(30), "-n", "sched", "describe", "pod", "picky");
        Assert.Contains("0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector.", describe);
        Assert.Equal("Pending", await Kubectl.OkAsync("-n", "sched", "get", "pod", "picky", "-o", "jsonpath={.status.phase}"));
        Assert.Contains("Unschedulable", await Kubectl.OkAsync("-n", "sched", "get", "pod", "picky", "-o", "jsonpath={.status.conditions[?(@.type==\"PodScheduled\")].reason}"));

        await Kubectl.OkAsync("label", "node", "kwok-node-1", "disk=ssd");
        await Kubectl.EventuallyAsync(o => o == "Running kwok-node-1", TimeSpan.FromSeconds(30),
            "-n", "sched", "get", "pod", "picky", "-o", "jsonpath={.status.phase} {.spec.nodeName}");
        var events = await Kubectl.OkAsync("-n", "sched", "get", "events", "--field-selector", "involvedObject.name=picky");
        Assert.Contains("Successfully assigned sched/picky to kwok-node-1", events);
    }
}
