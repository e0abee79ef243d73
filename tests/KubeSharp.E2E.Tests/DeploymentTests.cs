using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using KubeSharp.E2E.Tests.Infrastructure;
using Xunit.Abstractions;

namespace KubeSharp.E2E.Tests;

/// <summary>One server with three simulated nodes for the workload controller tests.</summary>
public sealed class SimulatedClusterFixture : IAsyncLifetime
{
    public KubeSharpServer Server { get; private set; } = null!;
    public Kubectl Kubectl => Server.Kubectl;

    public async Task InitializeAsync()
    {
        Server = await KubeSharpServer.StartAsync(null, "--simulated-nodes", "3");
        await OnlySimulatedNodesAsync(Kubectl, 3);
    }

    /// <summary>
    /// Waits for the simulated nodes and cordons any real node the server registered too, so pods only
    /// land where images need no pulling.
    /// </summary>
    public static async Task OnlySimulatedNodesAsync(Kubectl kubectl, int count)
    {
        await kubectl.EventuallyAsync(o => o.Split('\n').Count(l => l.StartsWith("kwok-node-", StringComparison.Ordinal) && l.Contains(" Ready ")) == count,
            TimeSpan.FromSeconds(60), "get", "nodes");
        var real = await kubectl.OkAsync("get", "nodes", "-l", "type!=kwok", "-o", "jsonpath={.items[*].metadata.name}");
        foreach (var node in real.Split(' ', StringSplitOptions.RemoveEmptyEntries)) await kubectl.OkAsync("cordon", node);
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();

    public async Task<string> NamespaceAsync(string prefix)
    {
        var name = $"{prefix}-{Guid.NewGuid().ToString("N")[..6]}";
        await Kubectl.OkAsync("create", "namespace", name);
        return name;
    }
}

/// <summary>Deployments, ReplicaSets, ReplicationControllers and disruption budgets driven by the real kubectl.</summary>
public sealed class DeploymentTests(SimulatedClusterFixture fx, ITestOutputHelper output) : IClassFixture<SimulatedClusterFixture>
{
    static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    Kubectl K => fx.Kubectl;

    async Task<string> RolloutStatusAsync(string ns, string target) =>
        (await K.RunAsync(["-n", ns, "rollout", "status", target, "--timeout=60s"], null, null, TimeSpan.FromSeconds(90))).EnsureSuccess().Stdout;

    async Task<string> JsonPathAsync(string ns, string what, string path) => await K.OkAsync("-n", ns, "get", what, "-o", $"jsonpath={path}");

    async Task<List<string>> ReplicaSetImagesAsync(string ns) =>
        (await JsonPathAsync(ns, "rs", "{range .items[*]}{.metadata.annotations.deployment\\.kubernetes\\.io/revision}={.spec.template.spec.containers[0].image}:{.spec.replicas}{\"\\n\"}{end}"))
        .Split('\n', StringSplitOptions.RemoveEmptyEntries).Order().ToList();

    [Fact]
    public async Task RolloutHistoryUndoPauseResumeRestartAndScale()
    {
        var ns = await fx.NamespaceAsync("deploy");
        await K.OkAsync("-n", ns, "create", "deployment", "web", "--image=nginx:1.25", "--replicas=3");
        Assert.Contains("deployment \"web\" successfully rolled out", await RolloutStatusAsync(ns, "deployment/web"));
        Assert.Equal("3 3 3", await JsonPathAsync(ns, "deploy/web", "{.status.availableReplicas} {.status.updatedReplicas} {.status.readyReplicas}"));
        var rsName = (await JsonPathAsync(ns, "rs", "{.items[0].metadata.name}")).Trim();
        Assert.Matches("^web-[bcdfghjklmnpqrstvwxz2456789]+$", rsName);
        var pods = await K.OkAsync("-n", ns, "get", "pods", "-l", "app=web");
        Assert.Equal(3, pods.Split('\n').Count(l => l.StartsWith(rsName + "-", StringComparison.Ordinal) && l.Contains("Running")));
        Assert.Contains($"Scaled up replica set {rsName} from 0 to 3", await K.OkAsync("-n", ns, "describe", "deployment", "web"));

        await K.OkAsync("-n", ns, "set", "image", "deployment/web", "nginx=nginx:1.26");
        await K.OkAsync("-n", ns, "annotate", "deployment/web", "kubernetes.io/change-cause=image updated to 1.26");
        Assert.Contains("successfully rolled out", await RolloutStatusAsync(ns, "deployment/web"));
        Assert.Equal(["1=nginx:1.25:0", "2=nginx:1.26:3"], await ReplicaSetImagesAsync(ns));
        var history = await K.OkAsync("-n", ns, "rollout", "history", "deployment/web");
        Assert.Matches(@"REVISION\s+CHANGE-CAUSE", history);
        Assert.Matches(@"(?m)^1\s+<none>", history);
        Assert.Matches(@"(?m)^2\s+image updated to 1.26", history);

        Assert.Contains("deployment.apps/web rolled back", await K.OkAsync("-n", ns, "rollout", "undo", "deployment/web"));
        Assert.Contains("successfully rolled out", await RolloutStatusAsync(ns, "deployment/web"));
        Assert.Equal("nginx:1.25", await JsonPathAsync(ns, "deploy/web", "{.spec.template.spec.containers[0].image}"));
        Assert.Equal(["2=nginx:1.26:0", "3=nginx:1.25:3"], await ReplicaSetImagesAsync(ns));
        history = await K.OkAsync("-n", ns, "rollout", "history", "deployment/web");
        Assert.Matches(@"(?m)^2\s+image updated to 1.26", history);
        Assert.Matches(@"(?m)^3\s+<none>", history);
        Assert.DoesNotMatch(@"(?m)^1\s", history);
        Assert.Contains("nginx:1.26", await K.OkAsync("-n", ns, "rollout", "history", "deployment/web", "--revision=2"));

        await K.OkAsync("-n", ns, "rollout", "undo", "deployment/web", "--to-revision=2");
        Assert.Contains("successfully rolled out", await RolloutStatusAsync(ns, "deployment/web"));
        Assert.Equal("nginx:1.26 4", await JsonPathAsync(ns, "deploy/web", "{.spec.template.spec.containers[0].image} {.metadata.annotations.deployment\\.kubernetes\\.io/revision}"));
        Assert.Equal("image updated to 1.26", await JsonPathAsync(ns, "deploy/web", "{.metadata.annotations.kubernetes\\.io/change-cause}"));

        Assert.Contains("deployment.apps/web paused", await K.OkAsync("-n", ns, "rollout", "pause", "deployment/web"));
        await K.OkAsync("-n", ns, "set", "image", "deployment/web", "nginx=nginx:1.27");
        await K.EventuallyAsync(o => o == "DeploymentPaused", Wait, "-n", ns, "get", "deploy", "web", "-o", "jsonpath={.status.conditions[?(@.type==\"Progressing\")].reason}");
        await Task.Delay(1000);
        Assert.Equal(2, (await ReplicaSetImagesAsync(ns)).Count);
        var undoPaused = await K.RunAsync("-n", ns, "rollout", "undo", "deployment/web");
        Assert.NotEqual(0, undoPaused.ExitCode);
        Assert.Contains("resume it first", undoPaused.Stderr);
        Assert.Contains("deployment.apps/web resumed", await K.OkAsync("-n", ns, "rollout", "resume", "deployment/web"));
        Assert.Contains("successfully rolled out", await RolloutStatusAsync(ns, "deployment/web"));
        Assert.Contains("5=nginx:1.27:3", await ReplicaSetImagesAsync(ns));

        Assert.Contains("deployment.apps/web restarted", await K.OkAsync("-n", ns, "rollout", "restart", "deployment/web"));
        Assert.Contains("successfully rolled out", await RolloutStatusAsync(ns, "deployment/web"));
        Assert.NotEqual("", await JsonPathAsync(ns, "deploy/web", "{.spec.template.metadata.annotations.kubectl\\.kubernetes\\.io/restartedAt}"));
        Assert.Contains("6=nginx:1.27:3", await ReplicaSetImagesAsync(ns));

        await K.OkAsync("-n", ns, "scale", "deployment/web", "--replicas=5");
        await K.EventuallyAsync(o => o == "5 5 5", Wait, "-n", ns, "get", "deploy", "web", "-o", "jsonpath={.status.replicas} {.status.availableReplicas} {.status.updatedReplicas}");
        Assert.Contains("Scaled up replica set", await K.OkAsync("-n", ns, "get", "events", "--field-selector", "reason=ScalingReplicaSet"));
        var table = await K.OkAsync("-n", ns, "get", "deploy", "web");
        Assert.Matches(@"web\s+5/5\s+5\s+5", table);
    }

    [Fact]
    public async Task RecreateReplacesAllPodsAtOnce()
    {
        var ns = await fx.NamespaceAsync("recreate");
        await K.ApplyAsync($$$"""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: db, namespace: {{{ns}}}}
            spec:
              replicas: 3
              strategy: {type: Recreate}
              selector: {matchLabels: {app: db}}
              template:
                metadata: {labels: {app: db}}
                spec: {containers: [{name: db, image: "postgres:16"}]}
            """);
        await RolloutStatusAsync(ns, "deployment/db");
        await K.OkAsync("-n", ns, "set", "image", "deployment/db", "db=postgres:17");
        await RolloutStatusAsync(ns, "deployment/db");
        Assert.Equal(["1=postgres:16:0", "2=postgres:17:3"], await ReplicaSetImagesAsync(ns));
        // The order (old gone before the new ReplicaSet exists) is checked by the controller's unit tests.
        var events = await K.OkAsync("-n", ns, "get", "events", "--field-selector", "reason=ScalingReplicaSet", "-o", "jsonpath={range .items[*]}{.message}{\"\\n\"}{end}");
        Assert.Matches("Scaled down replica set db-[a-z0-9]+ from 3 to 0", events);
        Assert.Matches("Scaled up replica set db-[a-z0-9]+ from 0 to 3", events);
    }

    [Fact]
    public async Task RollingUpdateOfTenReplicasStaysWithinSurgeAndUnavailability()
    {
        var ns = await fx.NamespaceAsync("bounds");
        await K.OkAsync("-n", ns, "create", "deployment", "web", "--image=nginx:1.25", "--replicas=10");
        await RolloutStatusAsync(ns, "deployment/web");
        // Defaults: maxSurge 25% of 10 rounds up to 3, maxUnavailable rounds down to 2.
        await using var watch = await PodWatch.StartAsync(fx.Server, ns);
        await watch.WaitForAsync(s => s.Live == 10 && s.Ready == 10, Wait);
        // The watch starts with one ADDED event per existing pod; only what follows is the rollout.
        var start = watch.Observations.Count - 1;
        await K.OkAsync("-n", ns, "set", "image", "deployment/web", "nginx=nginx:1.26");
        await RolloutStatusAsync(ns, "deployment/web");
        await watch.WaitForAsync(s => s.Live == 10 && s.Ready == 10 && s.WithImage("nginx:1.26") == 10, Wait);

        var observations = watch.Observations.Skip(start).ToList();
        output.WriteLine($"{observations.Count} observations; max live {observations.Max(o => o.Live)}, min ready {observations.Min(o => o.Ready)}");
        Assert.True(observations.Count > 20, "the watch saw the rollout");
        Assert.All(observations, o => Assert.True(o.Live <= 13, $"{o.Live} live pods"));
        Assert.All(observations, o => Assert.True(o.Ready >= 8, $"only {o.Ready} ready pods"));
        Assert.Contains(observations, o => o.Live > 10);
    }

    [Fact]
    public async Task ReplicationControllerKeepsItsPods()
    {
        var ns = await fx.NamespaceAsync("rc");
        await K.ApplyAsync($$$"""
            apiVersion: v1
            kind: ReplicationController
            metadata: {name: legacy, namespace: {{{ns}}}}
            spec:
              replicas: 2
              selector: {app: legacy}
              template:
                metadata: {labels: {app: legacy}}
                spec: {containers: [{name: app, image: busybox}]}
            """);
        await K.EventuallyAsync(o => o == "2 2 2", Wait, "-n", ns, "get", "rc", "legacy", "-o", "jsonpath={.status.replicas} {.status.readyReplicas} {.status.availableReplicas}");
        Assert.Matches(@"legacy\s+2\s+2\s+2", await K.OkAsync("-n", ns, "get", "rc", "legacy"));
        await K.OkAsync("-n", ns, "scale", "rc", "legacy", "--replicas=1");
        await K.EventuallyAsync(o => o.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 1, Wait, "-n", ns, "get", "pods", "-o", "jsonpath={.items[*].metadata.name}");
        var events = await K.OkAsync("-n", ns, "describe", "rc", "legacy");
        Assert.Contains("SuccessfulCreate", events);
        Assert.Contains("SuccessfulDelete", events);
    }

    [Fact]
    public async Task OrphansAreAdoptedAndRelabeledPodsReleased()
    {
        var ns = await fx.NamespaceAsync("adopt");
        await K.OkAsync("-n", ns, "run", "stray", "--image=busybox", "--labels=app=web");
        await K.ApplyAsync($$$"""
            apiVersion: apps/v1
            kind: ReplicaSet
            metadata: {name: web, namespace: {{{ns}}}}
            spec:
              replicas: 2
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec: {containers: [{name: app, image: busybox}]}
            """);
        await K.EventuallyAsync(o => o == "ReplicaSet/web", Wait, "-n", ns, "get", "pod", "stray", "-o", "jsonpath={.metadata.ownerReferences[0].kind}/{.metadata.ownerReferences[0].name}");
        await K.EventuallyAsync(o => o == "2 2", Wait, "-n", ns, "get", "rs", "web", "-o", "jsonpath={.status.replicas} {.status.readyReplicas}");
        Assert.Equal(2, (await JsonPathAsync(ns, "pods", "{.items[*].metadata.name}")).Split(' ').Length);

        await K.OkAsync("-n", ns, "label", "pod", "stray", "app-");
        await K.EventuallyAsync(o => o is "" or "[]", Wait, "-n", ns, "get", "pod", "stray", "-o", "jsonpath={.metadata.ownerReferences}");
        await K.EventuallyAsync(o => o.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 2, Wait, "-n", ns, "get", "pods", "-l", "app=web", "-o", "jsonpath={.items[*].metadata.name}");
        Assert.Equal(3, (await JsonPathAsync(ns, "pods", "{.items[*].metadata.name}")).Split(' ').Length);
    }

    [Fact]
    public async Task DeletingADeploymentCascadesUnlessOrphaned()
    {
        var ns = await fx.NamespaceAsync("cascade");
        await K.OkAsync("-n", ns, "create", "deployment", "gone", "--image=nginx", "--replicas=2");
        await K.OkAsync("-n", ns, "create", "deployment", "kept", "--image=nginx", "--replicas=2");
        await RolloutStatusAsync(ns, "deployment/gone");
        await RolloutStatusAsync(ns, "deployment/kept");

        await K.OkAsync("-n", ns, "delete", "deployment", "gone");
        await K.EventuallyAsync(o => !o.Contains("gone"), Wait, "-n", ns, "get", "rs,pods", "-o", "name");

        await K.OkAsync("-n", ns, "delete", "deployment", "kept", "--cascade=orphan");
        await Task.Delay(2000);
        var left = await K.OkAsync("-n", ns, "get", "rs,pods", "-o", "name");
        Assert.Single(left.Split('\n'), l => l.StartsWith("replicaset.apps/kept-", StringComparison.Ordinal));
        Assert.Equal(2, left.Split('\n').Count(l => l.StartsWith("pod/kept-", StringComparison.Ordinal)));
        Assert.Equal("", await JsonPathAsync(ns, "rs", "{.items[0].metadata.ownerReferences}"));
    }

    [Fact]
    public async Task DrainEvictsWithinTheDisruptionBudgetAndPodsMoveElsewhere()
    {
        var ns = await fx.NamespaceAsync("drain");
        // Every pod lands on kwok-node-2: the other nodes are cordoned while the Deployment starts.
        await K.OkAsync("cordon", "kwok-node-0");
        await K.OkAsync("cordon", "kwok-node-1");
        try
        {
            await K.ApplyAsync($$$"""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: {{{ns}}}}
                spec:
                  replicas: 3
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      containers: [{name: app, image: nginx}]
                      volumes: [{name: scratch, emptyDir: {}}]
                ---
                apiVersion: policy/v1
                kind: PodDisruptionBudget
                metadata: {name: web, namespace: {{{ns}}}}
                spec:
                  minAvailable: 2
                  selector: {matchLabels: {app: web}}
                """);
            await RolloutStatusAsync(ns, "deployment/web");
        }
        finally
        {
            await K.OkAsync("uncordon", "kwok-node-0");
            await K.OkAsync("uncordon", "kwok-node-1");
        }
        Assert.Equal("kwok-node-2 kwok-node-2 kwok-node-2", await JsonPathAsync(ns, "pods", "{.items[*].spec.nodeName}"));
        await K.EventuallyAsync(o => o == "1 3 2 3", Wait, "-n", ns, "get", "pdb", "web", "-o",
            "jsonpath={.status.disruptionsAllowed} {.status.currentHealthy} {.status.desiredHealthy} {.status.expectedPods}");
        Assert.Matches(@"web\s+2\s+N/A\s+1", await K.OkAsync("-n", ns, "get", "pdb", "web"));

        // A DaemonSet pod on the node stays: --ignore-daemonsets skips it (its own namespace keeps it out of the counts below).
        var agents = await fx.NamespaceAsync("agents");
        await K.ApplyAsync($$$"""
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: agent, namespace: {{{agents}}}}
            spec:
              selector: {matchLabels: {app: agent}}
              template:
                metadata: {labels: {app: agent}}
                spec: {containers: [{name: agent, image: busybox}]}
            """);
        await K.EventuallyAsync(o => o.Contains("Running"), Wait, "-n", agents, "get", "pods", "--field-selector", "spec.nodeName=kwok-node-2", "-o", "jsonpath={.items[*].status.phase}");

        await using var watch = await PodWatch.StartAsync(fx.Server, ns);
        await watch.WaitForAsync(s => s.Ready == 3, Wait);
        var start = watch.Observations.Count - 1;
        var drain = await K.RunAsync(["drain", "kwok-node-2", "--ignore-daemonsets", "--delete-emptydir-data", "--timeout=120s"], null, null, TimeSpan.FromSeconds(150));
        output.WriteLine(drain.Stdout + drain.Stderr);
        drain.EnsureSuccess();
        Assert.Contains("node/kwok-node-2 drained", drain.Stdout);
        Assert.Contains("ignoring DaemonSet-managed Pods", drain.Stderr + drain.Stdout);
        Assert.Contains("Running", await K.OkAsync("-n", agents, "get", "pods", "--field-selector", "spec.nodeName=kwok-node-2", "-o", "jsonpath={.items[*].status.phase}"));
        await RolloutStatusAsync(ns, "deployment/web");
        var nodes = (await JsonPathAsync(ns, "pods", "{.items[*].spec.nodeName}")).Split(' ');
        Assert.Equal(3, nodes.Length);
        Assert.DoesNotContain("kwok-node-2", nodes);
        // Three pods on the node and one disruption allowed: each eviction had to wait for a replacement to be ready.
        Assert.All(watch.Observations.Skip(start), o => Assert.True(o.Ready >= 2, $"only {o.Ready} ready pods during the drain"));
        await K.OkAsync("uncordon", "kwok-node-2");
    }
}

/// <summary>
/// Opt-in measurements (KUBESHARP_BENCH=1): a 1,000-replica Deployment on twelve simulated nodes, how long
/// until it is available, how long a rolling update to a new image takes, and the pod event rate meanwhile.
/// </summary>
[Collection(Name)]
public sealed class DeploymentBenchTests(ITestOutputHelper output)
{
    public const string Name = "deployment-bench";

    [OptInFact("KUBESHARP_BENCH")]
    public async Task ThousandReplicaDeployment()
    {
        // 12 × 110 pods fit 1,000 replicas plus a 25% surge.
        await using var server = await KubeSharpServer.StartAsync(null, "--simulated-nodes", "12");
        var k = server.Kubectl;
        await SimulatedClusterFixture.OnlySimulatedNodesAsync(k, 12);
        await k.OkAsync("create", "namespace", "bench");

        var clock = Stopwatch.StartNew();
        await k.OkAsync("-n", "bench", "create", "deployment", "big", "--image=nginx:1.25", "--replicas=1000");
        await PollAsync(k, "{.status.availableReplicas}", o => o == "1000");
        var available = clock.Elapsed;

        clock.Restart();
        await k.OkAsync("-n", "bench", "set", "image", "deployment/big", "nginx=nginx:1.26");
        await PollAsync(k, "{.status.observedGeneration} {.status.replicas} {.status.updatedReplicas} {.status.availableReplicas}", o => o == "2 1000 1000 1000");
        var rollout = clock.Elapsed;

        var report = $"1000 replicas available in {available.TotalSeconds:F1} s; rolled to a new image (maxSurge 25%) in {rollout.TotalSeconds:F1} s";
        // Targets: available within 5 s, rolled within 20 s. Reported rather than asserted: a loaded machine
        // (builds next door) can triple these, and a measurement must not fail a suite.
        var verdict = available <= TimeSpan.FromSeconds(5) && rollout <= TimeSpan.FromSeconds(20) ? "within targets" : "MISSED targets (5 s / 20 s)";
        output.WriteLine($"{report}: {verdict}; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        Console.WriteLine($"BENCH {report}: {verdict}");
    }

    /// <summary>Polls the Deployment's status tightly (kubectl itself takes tens of milliseconds a call).</summary>
    static async Task PollAsync(Kubectl k, string jsonPath, Func<string, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(180);
        while (DateTime.UtcNow < deadline)
        {
            var r = await k.RunAsync("-n", "bench", "get", "deploy", "big", "-o", "jsonpath=" + jsonPath);
            if (r.ExitCode == 0 && done(r.Stdout.Trim())) return;
            await Task.Delay(100);
        }
        throw new TimeoutException("the deployment never reached the expected status");
    }
}

/// <summary>Timings mean nothing while other servers share the two cores: the bench runs alone.</summary>
[CollectionDefinition(DeploymentBenchTests.Name, DisableParallelization = true)]
public sealed class DeploymentBenchCollection;

/// <summary>
/// Follows `kubectl get pods -w` and records, after every event, how many pods are live (not terminating,
/// not finished) and how many of those are ready.
/// </summary>
public sealed class PodWatch : IAsyncDisposable
{
    public sealed record State(int Live, int Ready, IReadOnlyDictionary<string, int> Images)
    {
        public int WithImage(string image) => Images.GetValueOrDefault(image);
    }

    readonly Process _process;
    readonly Dictionary<string, JsonObject> _pods = [];
    readonly List<State> _observations = [];
    readonly Lock _gate = new();
    readonly Task _reader;

    PodWatch(Process process)
    {
        _process = process;
        _reader = Task.Run(ReadAsync);
    }

    public static Task<PodWatch> StartAsync(KubeSharpServer server, string ns)
    {
        var psi = new ProcessStartInfo(Kubectl.Binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "-n", ns, "get", "pods", "--watch", "--output-watch-events", "-o", "json" }) psi.ArgumentList.Add(a);
        psi.Environment["KUBECONFIG"] = server.KubeconfigPath;
        psi.Environment["HOME"] = server.Home;
        return Task.FromResult(new PodWatch(Process.Start(psi)!));
    }

    public IReadOnlyList<State> Observations { get { lock (_gate) return [.. _observations]; } }

    public async Task WaitForAsync(Func<State, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            lock (_gate)
                if (_observations.Count > 0 && condition(_observations[^1])) return;
            await Task.Delay(50);
        }
        throw new TimeoutException("the pod watch never saw the expected state: " + (Observations.LastOrDefault()?.ToString() ?? "nothing"));
    }

    /// <summary>Splits kubectl's stream of pretty-printed JSON documents at their closing braces.</summary>
    async Task ReadAsync()
    {
        var reader = _process.StandardOutput;
        var buffer = new StringBuilder();
        var depth = 0;
        var inString = false;
        var escaped = false;
        var chunk = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(chunk)) > 0)
        {
            for (var i = 0; i < read; i++)
            {
                var c = chunk[i];
                if (depth > 0 || c == '{') buffer.Append(c);
                if (inString)
                {
                    if (escaped) escaped = false;
                    else if (c == '\\') escaped = true;
                    else if (c == '"') inString = false;
                    continue;
                }
                if (c == '"') inString = true;
                else if (c == '{') depth++;
                else if (c == '}' && --depth == 0)
                {
                    Apply(JsonNode.Parse(buffer.ToString())!.AsObject());
                    buffer.Clear();
                }
            }
        }
    }

    void Apply(JsonObject ev)
    {
        var type = ev["type"]?.GetValue<string>();
        if (ev["object"] is not JsonObject pod) return;
        var name = pod["metadata"]?["name"]?.GetValue<string>() ?? "";
        lock (_gate)
        {
            if (type == "DELETED") _pods.Remove(name);
            else _pods[name] = pod;
            var live = _pods.Values.Where(p => p["metadata"]?["deletionTimestamp"] is null
                && p["status"]?["phase"]?.GetValue<string>() is not ("Succeeded" or "Failed")).ToList();
            var ready = live.Count(p => (p["status"]?["conditions"] as JsonArray)?.Any(c =>
                c?["type"]?.GetValue<string>() == "Ready" && c["status"]?.GetValue<string>() == "True") == true);
            var images = live.GroupBy(p => p["spec"]?["containers"]?[0]?["image"]?.GetValue<string>() ?? "")
                .ToDictionary(g => g.Key, g => g.Count());
            _observations.Add(new State(live.Count, ready, images));
        }
    }

    public async ValueTask DisposeAsync()
    {
        try { _process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { }
        await _reader.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _process.Dispose();
    }
}
