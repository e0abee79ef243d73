using KubeSharp.E2E.Tests.Infrastructure;

namespace KubeSharp.E2E.Tests;

/// <summary>The seed's fluentd DaemonSet on three simulated nodes (plus a hand-made one), driven by real kubectl.</summary>
public sealed class DaemonSetTests : IAsyncLifetime
{
    KubeSharpServer _server = null!;

    Kubectl Kubectl => _server.Kubectl;

    public async Task InitializeAsync() => _server = await KubeSharpServer.StartAsync(null, "--simulated-nodes", "3");

    public async Task DisposeAsync() => await _server.DisposeAsync();

    const string Fluentd = """
        apiVersion: apps/v1
        kind: DaemonSet
        metadata:
          name: fluentd-elasticsearch
          namespace: ds
        spec:
          selector:
            matchLabels:
              name: fluentd-elasticsearch
          template:
            metadata:
              labels:
                name: fluentd-elasticsearch
            spec:
              tolerations:
              - key: node-role.kubernetes.io/master
                effect: NoSchedule
              containers:
              - name: fluentd-elasticsearch
                image: k8s.gcr.io/fluentd-elasticsearch:1.20
        """;

    Task<string> Get(params string[] args) => Kubectl.OkAsync(["-n", "ds", "get", .. args]);

    async Task RolloutStatusAsync() =>
        Assert.Contains("successfully rolled out",
            (await Kubectl.RunAsync(["-n", "ds", "rollout", "status", "daemonset/fluentd-elasticsearch", "--timeout=60s"], null, null, TimeSpan.FromSeconds(90))).EnsureSuccess().Stdout);

    [Fact]
    public async Task OnePodPerNode_FollowsNodes_RollsOutAndUndoesToRevisionThree()
    {
        await Kubectl.EventuallyAsync(o => o.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.Contains(" Ready ")) == 3,
            TimeSpan.FromSeconds(30), "get", "nodes");
        await Kubectl.OkAsync("create", "namespace", "ds");
        await Kubectl.ApplyAsync(Fluentd);
        await RolloutStatusAsync();

        var nodes = (await Get("pods", "-o", "jsonpath={.items[*].spec.nodeName}")).Split(' ').Order().ToList();
        Assert.Equal(["kwok-node-0", "kwok-node-1", "kwok-node-2"], nodes);
        Assert.Equal("3 3 3 3 3 0 0",
            await Get("ds", "fluentd-elasticsearch", "-o", "jsonpath={.status.desiredNumberScheduled} {.status.currentNumberScheduled} {.status.numberReady} {.status.updatedNumberScheduled} {.status.numberAvailable} {.status.numberMisscheduled} {.status.numberUnavailable}"));
        var affinity = await Get("pods", "-o", "jsonpath={.items[0].spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchFields[0].key}");
        Assert.Equal("metadata.name", affinity);
        Assert.Contains("node.kubernetes.io/unschedulable", await Get("pods", "-o", "jsonpath={.items[0].spec.tolerations[*].key}"));

        // Update, then undo: the old revision comes back as revision 3.
        await Kubectl.OkAsync("-n", "ds", "set", "image", "ds/fluentd-elasticsearch", "fluentd-elasticsearch=k8s.gcr.io/fluentd-elasticsearch:v2.2.0");
        await RolloutStatusAsync();
        Assert.Equal("v2.2.0 v2.2.0 v2.2.0", string.Join(' ', (await Get("pods", "-o", "jsonpath={.items[*].spec.containers[0].image}")).Split(' ').Select(i => i.Split(':')[^1])));
        var history = await Kubectl.OkAsync("-n", "ds", "rollout", "history", "daemonset/fluentd-elasticsearch");
        Assert.Matches(@"(?m)^1\s", history);
        Assert.Matches(@"(?m)^2\s", history);

        Assert.Contains("rolled back", await Kubectl.OkAsync("-n", "ds", "rollout", "undo", "daemonset/fluentd-elasticsearch"));
        await RolloutStatusAsync();
        history = await Kubectl.OkAsync("-n", "ds", "rollout", "history", "daemonset/fluentd-elasticsearch");
        Assert.DoesNotMatch(@"(?m)^1\s", history);
        Assert.Matches(@"(?m)^2\s", history);
        Assert.Matches(@"(?m)^3\s", history);
        Assert.Contains("fluentd-elasticsearch:1.20", await Kubectl.OkAsync("-n", "ds", "rollout", "history", "daemonset/fluentd-elasticsearch", "--revision=3"));
        Assert.Equal("1.20 1.20 1.20", string.Join(' ', (await Get("pods", "-o", "jsonpath={.items[*].spec.containers[0].image}")).Split(' ').Select(i => i.Split(':')[^1])));

        // A node that joins later gets its pod (no kubelet runs it, but it is created for that node and bound there).
        await Kubectl.ApplyAsync("""
            apiVersion: v1
            kind: Node
            metadata:
              name: late-node
              labels:
                kubernetes.io/hostname: late-node
            status:
              allocatable: {cpu: "4", memory: 8Gi, pods: "110"}
              capacity: {cpu: "4", memory: 8Gi, pods: "110"}
              conditions:
              - type: Ready
                status: "True"
            """);
        await Kubectl.EventuallyAsync(o => o.Contains("late-node"), TimeSpan.FromSeconds(30),
            "-n", "ds", "get", "pods", "-o", "jsonpath={.items[*].spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchFields[0].values[0]}");
        await Kubectl.EventuallyAsync(o => o == "4", TimeSpan.FromSeconds(30), "-n", "ds", "get", "ds", "fluentd-elasticsearch", "-o", "jsonpath={.status.desiredNumberScheduled}");

        // ... and a node that leaves has its pod collected.
        await Kubectl.OkAsync("delete", "node", "late-node");
        await Kubectl.EventuallyAsync(o => !o.Contains("late-node") && o.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 3, TimeSpan.FromSeconds(30),
            "-n", "ds", "get", "pods", "-o", "jsonpath={.items[*].spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchFields[0].values[0]}");
        await RolloutStatusAsync();
    }
}
