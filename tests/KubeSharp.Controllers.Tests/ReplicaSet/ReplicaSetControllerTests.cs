using System.Text.Json.Nodes;
using KubeSharp.Api.Resources;
using KubeSharp.Client;
using KubeSharp.Controllers.ReplicaSet;
using KubeSharp.Controllers.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using static KubeSharp.Controllers.Tests.Fakes.ReplicaHarness;

namespace KubeSharp.Controllers.Tests.ReplicaSet;

public sealed class ReplicaSetControllerTests : IAsyncLifetime
{
    const string Ns = "default";
    readonly ReplicaHarness _h = new();
    ReplicaSetController _controller = null!;

    public async Task InitializeAsync()
    {
        _controller = new ReplicaSetController(_h.Api, _h.Informers, _h.Clock, _h.Recorder, NullLogger.Instance);
        await _h.StartAsync(ct => _controller.RunAsync(ct));
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    JsonObject NewReplicaSet(string name, int replicas, int minReadySeconds = 0) => new()
    {
        ["apiVersion"] = "apps/v1",
        ["kind"] = "ReplicaSet",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = Ns },
        ["spec"] = new JsonObject
        {
            ["replicas"] = replicas,
            ["minReadySeconds"] = minReadySeconds,
            ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = name } },
            ["template"] = PodTemplate(new Dictionary<string, string> { ["app"] = name, ["tier"] = "web" }),
        },
    };

    JsonObject? Rs(string name) => _h.Store.Find(ReplicaSets, Ns, name);

    static int? Status(JsonObject? rs, string field) => ObjectFields.Int(rs?["status"]?[field]);

    [Fact]
    public async Task CreatesPodsFromTheTemplateOwnedByTheReplicaSet()
    {
        var rs = await _h.Api.CreateAsync(ReplicaSets, Ns, NewReplicaSet("web", 3));
        await EventuallyAsync(() => _h.PodsOf(Ns).Count == 3 && Status(Rs("web"), "replicas") == 3, "3 pods");
        await _h.SettleAsync();

        Assert.Equal(3, _h.PodsOf(Ns).Count);
        foreach (var pod in _h.PodsOf(Ns))
        {
            Assert.StartsWith("web-", JsonMeta.Name(pod));
            Assert.Equal("web", pod["metadata"]!["labels"]!["app"]!.GetValue<string>());
            Assert.Equal("nginx:1.25", pod["spec"]!["containers"]![0]!["image"]!.GetValue<string>());
            var owner = pod["metadata"]!["ownerReferences"]![0]!;
            Assert.Equal("ReplicaSet", owner["kind"]!.GetValue<string>());
            Assert.Equal(JsonMeta.Uid(rs), owner["uid"]!.GetValue<string>());
            Assert.True(owner["controller"]!.GetValue<bool>());
            Assert.True(owner["blockOwnerDeletion"]!.GetValue<bool>());
        }
        var status = Rs("web")!["status"]!;
        Assert.Equal(3, ObjectFields.Int(status["fullyLabeledReplicas"]));
        Assert.Null(status["readyReplicas"]);
        Assert.Equal(1, ObjectFields.Long(status["observedGeneration"]));
        var events = _h.Store.Items(new("", "v1", "events"), Ns);
        Assert.Equal(3, events.Count(e => e["reason"]?.GetValue<string>() == "SuccessfulCreate"));
        Assert.Contains(events, e => e["message"]?.GetValue<string>()?.StartsWith("Created pod: web-", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task ReportsReadyAndAvailableHonouringMinReadySeconds()
    {
        await _h.Api.CreateAsync(ReplicaSets, Ns, NewReplicaSet("web", 2, minReadySeconds: 30));
        await EventuallyAsync(() => _h.PodsOf(Ns).Count == 2, "2 pods");
        _h.MarkAllReady(Ns);
        await EventuallyAsync(() => Status(Rs("web"), "readyReplicas") == 2, "ready");
        await _h.SettleAsync();
        Assert.Null(Status(Rs("web"), "availableReplicas"));

        _h.Clock.Advance(TimeSpan.FromSeconds(31));
        await EventuallyAsync(() => Status(Rs("web"), "availableReplicas") == 2, "available after minReadySeconds");
    }

    [Fact]
    public async Task ScalingDownDeletesUnscheduledThenPendingThenNotReadyPodsFirst()
    {
        await _h.Api.CreateAsync(ReplicaSets, Ns, NewReplicaSet("web", 4));
        await EventuallyAsync(() => _h.PodsOf(Ns).Count == 4, "4 pods");
        await _h.SettleAsync();
        var names = _h.PodsOf(Ns).Select(p => JsonMeta.Name(p)!).ToList();
        _h.MarkReady(Ns, names[0]);
        _h.MarkReady(Ns, names[1]);
        // Scheduled but not ready: goes after the unscheduled one.
        _h.Store.Mutate(Pods, Ns, names[2], p => p["spec"]!["nodeName"] = "node-2");
        await _h.SettleAsync();

        _h.Store.Mutate(ReplicaSets, Ns, "web", rs => rs["spec"]!["replicas"] = 2);
        await EventuallyAsync(() => _h.PodsOf(Ns).Count == 2, "scaled down");
        await _h.SettleAsync();
        Assert.Equal([names[0], names[1]], _h.PodsOf(Ns).Select(p => JsonMeta.Name(p)!).Order().ToList());
        Assert.Equal(2, _h.Store.Items(new("", "v1", "events"), Ns).Count(e => e["reason"]?.GetValue<string>() == "SuccessfulDelete"));
    }

    [Fact]
    public async Task AdoptsMatchingOrphansAndReleasesPodsWhoseLabelsNoLongerMatch()
    {
        var orphan = await _h.Api.CreateAsync(Pods, Ns, new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "stray", ["labels"] = new JsonObject { ["app"] = "web" } },
            ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "app", ["image"] = "busybox" }) },
        });
        // The orphan is in the pod cache before the ReplicaSet arrives (otherwise the two watches race and the first
        // sync may rightly create two pods, deleting the surplus later).
        await EventuallyAsync(() => _h.Informers.InformerFor(Pods).Lister.List().Count == 1, "the orphan cached");
        var rs = await _h.Api.CreateAsync(ReplicaSets, Ns, NewReplicaSet("web", 2));
        await EventuallyAsync(() => _h.PodsOf(Ns).Count == 2 && Status(Rs("web"), "replicas") == 2, "2 pods");
        await _h.SettleAsync();

        var adopted = _h.Store.Find(Pods, Ns, "stray")!;
        Assert.Equal(JsonMeta.Uid(rs), ObjectFields.ControllerOf(adopted)?.Uid);
        Assert.Equal(JsonMeta.Uid(orphan), JsonMeta.Uid(adopted));
        // Only one pod was created: the orphan counts.
        Assert.Single(_h.Store.Calls, c => c.StartsWith("create pods/web-", StringComparison.Ordinal));

        _h.Store.Mutate(Pods, Ns, "stray", p => p["metadata"]!["labels"]!.AsObject().Remove("app"));
        await EventuallyAsync(() => ObjectFields.ControllerOf(_h.Store.Find(Pods, Ns, "stray")!) is null, "released");
        await EventuallyAsync(() => _h.PodsOf(Ns).Count == 3, "a replacement");
        await _h.SettleAsync();
        Assert.Equal(2, _h.PodsOf(Ns).Count(p => ObjectFields.ControllerOf(p)?.Uid == JsonMeta.Uid(rs)));
    }

    [Fact]
    public async Task ReplacesDeletedPods()
    {
        await _h.Api.CreateAsync(ReplicaSets, Ns, NewReplicaSet("web", 2));
        await EventuallyAsync(() => _h.PodsOf(Ns).Count == 2, "2 pods");
        await _h.SettleAsync();
        var victim = JsonMeta.Name(_h.PodsOf(Ns)[0])!;
        await _h.Api.DeleteAsync(Pods, Ns, victim);
        await EventuallyAsync(() => _h.PodsOf(Ns).Count == 2 && _h.PodsOf(Ns).All(p => JsonMeta.Name(p) != victim), "replacement");
    }
}

public sealed class ReplicationControllerTests : IAsyncLifetime
{
    const string Ns = "default";
    readonly ReplicaHarness _h = new();

    public async Task InitializeAsync()
    {
        var controller = new ReplicationControllerController(_h.Api, _h.Informers, _h.Clock, _h.Recorder, NullLogger.Instance);
        await _h.StartAsync(ct => controller.RunAsync(ct));
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task KeepsReplicasWithAPlainLabelMapSelector()
    {
        var rc = await _h.Api.CreateAsync(ReplicationControllers, Ns, new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ReplicationController",
            ["metadata"] = new JsonObject { ["name"] = "legacy" },
            ["spec"] = new JsonObject
            {
                ["replicas"] = 2,
                ["selector"] = new JsonObject { ["app"] = "legacy" },
                ["template"] = PodTemplate(new Dictionary<string, string> { ["app"] = "legacy" }),
            },
        });
        await EventuallyAsync(() => _h.PodsOf(Ns).Count == 2, "2 pods");
        _h.MarkAllReady(Ns);
        await EventuallyAsync(() => ObjectFields.Int(_h.Store.Find(ReplicationControllers, Ns, "legacy")!["status"]?["readyReplicas"]) == 2, "ready");
        var owner = ObjectFields.ControllerOf(_h.PodsOf(Ns)[0])!;
        Assert.Equal("ReplicationController", owner.Kind);
        Assert.Equal("v1", owner.ApiVersion);
        Assert.Equal(JsonMeta.Uid(rc), owner.Uid);
    }
}
