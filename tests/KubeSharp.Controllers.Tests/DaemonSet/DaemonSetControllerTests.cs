using System.Text.Json.Nodes;
using KubeSharp.Controllers.DaemonSet;
using KubeSharp.Controllers.Tests.Fakes;
using static KubeSharp.Controllers.Tests.DaemonSet.DaemonSetFixture;

namespace KubeSharp.Controllers.Tests.DaemonSet;

public sealed class DaemonSetControllerTests
{
    static string? Str(JsonNode? n) => n?.GetValue<string>();

    [Fact]
    public async Task CreatesOnePodPerNode_PinnedByNodeAffinity_WithDaemonTolerations()
    {
        await using var f = await StartAsync(nodes: 3);
        var set = await f.CreateAsync(Fluentd());
        await f.SyncAsync();

        Assert.Equal(["node-0", "node-1", "node-2"], f.PodNodes());
        var pod = f.Pods()[0];
        var term = pod["spec"]!["affinity"]!["nodeAffinity"]!["requiredDuringSchedulingIgnoredDuringExecution"]!["nodeSelectorTerms"]!.AsArray().Single()!;
        var field = term["matchFields"]!.AsArray().Single()!;
        Assert.Equal("metadata.name", Str(field["key"]));
        Assert.Equal("In", Str(field["operator"]));
        var tolerations = pod["spec"]!["tolerations"]!.AsArray().Select(t => $"{Str(t!["key"])}:{Str(t["effect"])}").ToList();
        Assert.Contains("node-role.kubernetes.io/master:NoSchedule", tolerations);
        foreach (var expected in new[] { "node.kubernetes.io/not-ready:NoExecute", "node.kubernetes.io/unreachable:NoExecute",
                     "node.kubernetes.io/disk-pressure:NoSchedule", "node.kubernetes.io/memory-pressure:NoSchedule",
                     "node.kubernetes.io/pid-pressure:NoSchedule", "node.kubernetes.io/unschedulable:NoSchedule" })
            Assert.Contains(expected, tolerations);
        Assert.DoesNotContain("node.kubernetes.io/network-unavailable:NoSchedule", tolerations);
        Assert.Equal(Str(set["metadata"]!["uid"]), Str(pod["metadata"]!["ownerReferences"]![0]!["uid"]));
        Assert.NotNull(Str(pod["metadata"]!["labels"]!["controller-revision-hash"]));
    }

    [Fact]
    public async Task DoesNotCreateTwice_WhileItsCreationsAreUnobserved()
    {
        await using var f = await StartAsync(nodes: 2);
        await f.CreateAsync(Fluentd());
        await f.SyncAsync();
        await f.SyncAsync(); // settles: both creations observed
        f.Controller.Expectations.Expect(new("kube-system", "fluentd-elasticsearch"), 1, 0); // a creation still in flight
        await f.H.Api.DeleteAsync(AppsHarness.Pods, Ns, f.Pods()[0]["metadata"]!["name"]!.GetValue<string>());
        await f.SyncAsync();
        Assert.Single(f.Pods());
    }

    [Fact]
    public async Task NewNode_GetsAPod_RemovedNodesPodIsDeleted()
    {
        await using var f = await StartAsync(nodes: 2);
        await f.CreateAsync(Fluentd());
        await f.ConvergeAsync();
        Assert.Equal(["node-0", "node-1"], f.PodNodes());

        f.AddNode("node-9");
        await f.SyncAsync();
        Assert.Equal(["node-0", "node-1", "node-9"], f.PodNodes());

        await f.H.Api.DeleteAsync(AppsHarness.Nodes, null, "node-0");
        await f.SyncAsync();
        Assert.Equal(["node-1", "node-9"], f.PodNodes());
    }

    [Fact]
    public async Task NodeWithTwoPods_IsCorrectedToOne_KeepingTheOldest()
    {
        await using var f = await StartAsync(nodes: 1);
        await f.CreateAsync(Fluentd());
        await f.ConvergeAsync();
        var oldest = Str(f.Pods()[0]["metadata"]!["name"]);
        var extra = (JsonObject)f.Pods()[0].DeepClone();
        extra["metadata"]!["name"] = "fluentd-extra";
        ((JsonObject)extra["metadata"]!).Remove("resourceVersion");
        f.H.Clock.Advance(TimeSpan.FromSeconds(5));
        await f.H.Api.CreateAsync(AppsHarness.Pods, Ns, extra);

        await f.SyncAsync();
        Assert.Equal([oldest], f.Pods().Select(p => Str(p["metadata"]!["name"])));
    }

    [Fact]
    public async Task NodeSelectorAndUntoleratedTaints_NarrowTheNodes()
    {
        await using var f = await StartAsync(nodes: 0);
        f.AddNode("ssd", new JsonObject { ["disk"] = "ssd" });
        f.AddNode("hdd", new JsonObject { ["disk"] = "hdd" });
        f.AddNode("tainted", new JsonObject { ["disk"] = "ssd" }, new JsonArray(new JsonObject { ["key"] = "dedicated", ["value"] = "db", ["effect"] = "NoSchedule" }));
        f.AddNode("cordoned", new JsonObject { ["disk"] = "ssd" }, new JsonArray(new JsonObject { ["key"] = "node.kubernetes.io/unschedulable", ["effect"] = "NoSchedule" }));
        var set = Fluentd();
        set["spec"]!["template"]!["spec"]!["nodeSelector"] = new JsonObject { ["disk"] = "ssd" };
        await f.CreateAsync(set);
        await f.ConvergeAsync();

        Assert.Equal(["cordoned", "ssd"], f.PodNodes());
        var status = f.Set()["status"]!;
        Assert.Equal(2, status["desiredNumberScheduled"]!.GetValue<int>());
        Assert.Equal(2, status["currentNumberScheduled"]!.GetValue<int>());
        Assert.Equal(2, status["numberReady"]!.GetValue<int>());
        Assert.Equal(0, status["numberMisscheduled"]!.GetValue<int>());
    }

    [Fact]
    public async Task Status_CountsNodesAndPods()
    {
        await using var f = await StartAsync(nodes: 3);
        await f.CreateAsync(Fluentd());
        await f.SyncAsync();
        var status = f.Set()["status"]!;
        Assert.Equal(3, status["desiredNumberScheduled"]!.GetValue<int>());
        Assert.Equal(0, status["currentNumberScheduled"]!.GetValue<int>()); // counted from the pods seen before this sync

        await f.ConvergeAsync();
        await f.SyncAsync();
        status = f.Set()["status"]!;
        Assert.Equal(3, status["currentNumberScheduled"]!.GetValue<int>());
        Assert.Equal(3, status["numberReady"]!.GetValue<int>());
        Assert.Equal(3, status["numberAvailable"]!.GetValue<int>());
        Assert.Equal(3, status["updatedNumberScheduled"]!.GetValue<int>());
        Assert.Equal(0, status["numberUnavailable"]!.GetValue<int>());
        Assert.Equal(1, status["observedGeneration"]!.GetValue<long>());

        // A node the set no longer wants keeps its pod as misscheduled until the pod goes.
        f.UpdateSet(s => s["spec"]!["template"]!["spec"]!["nodeSelector"] = new JsonObject { ["kubernetes.io/hostname"] = "node-0" });
        var statusBefore = DaemonSetStatusCalculator.Compute(f.Set(), f.H.Api.Items(AppsHarness.Nodes), DaemonPods.ByNode(f.Pods()), "x", 0, f.H.Clock.GetUtcNow());
        Assert.Equal(2, statusBefore["numberMisscheduled"]!.GetValue<int>());
        Assert.Equal(1, statusBefore["desiredNumberScheduled"]!.GetValue<int>());
    }

    [Fact]
    public async Task RollingUpdate_ReplacesAtMostMaxUnavailableNodesAtATime()
    {
        await using var f = await StartAsync(nodes: 3);
        await f.CreateAsync(Fluentd());
        await f.ConvergeAsync();

        f.UpdateSet(s => SetImage(s, "fluentd:v3"));
        f.H.Api.ClearCalls();
        await f.SyncAsync();
        Assert.Single(f.H.Api.Calls, c => c.StartsWith("delete pods/", StringComparison.Ordinal));
        await f.SyncAsync(); // the node without a pod gets the new one; nothing else is touched while it is not ready
        await f.SyncAsync();
        Assert.Single(f.H.Api.Calls, c => c.StartsWith("delete pods/", StringComparison.Ordinal));
        Assert.Single(f.H.Api.Calls, c => c.StartsWith("create pods/", StringComparison.Ordinal));

        await f.ConvergeAsync();
        Assert.All(f.Pods(), p => Assert.Equal("fluentd:v3", Str(p["spec"]!["containers"]![0]!["image"])));
        Assert.Equal(["node-0", "node-1", "node-2"], f.PodNodes());
        await f.SyncAsync();
        Assert.Equal(3, f.Set()["status"]!["updatedNumberScheduled"]!.GetValue<int>());
    }

    [Fact]
    public async Task RollingUpdate_WithSurge_StartsTheNewPodBeforeDeletingTheOld()
    {
        await using var f = await StartAsync(nodes: 2);
        await f.CreateAsync(Fluentd(new JsonObject { ["maxUnavailable"] = 0, ["maxSurge"] = 1 }));
        await f.ConvergeAsync();

        f.UpdateSet(s => SetImage(s, "fluentd:v3"));
        f.H.Api.ClearCalls();
        await f.SyncAsync();
        Assert.Single(f.H.Api.Calls, c => c.StartsWith("create pods/", StringComparison.Ordinal));
        Assert.DoesNotContain(f.H.Api.Calls, c => c.StartsWith("delete pods/", StringComparison.Ordinal));
        Assert.Equal(3, f.Pods().Count);

        f.RunPods();
        await f.SyncAsync();
        Assert.Single(f.H.Api.Calls, c => c.StartsWith("delete pods/", StringComparison.Ordinal));

        await f.ConvergeAsync();
        Assert.Equal(2, f.Pods().Count);
        Assert.All(f.Pods(), p => Assert.Equal("fluentd:v3", Str(p["spec"]!["containers"]![0]!["image"])));
    }

    [Fact]
    public async Task OnDelete_KeepsOldPodsUntilDeleted()
    {
        await using var f = await StartAsync(nodes: 2);
        await f.CreateAsync(Fluentd(type: "OnDelete"));
        await f.ConvergeAsync();
        f.UpdateSet(s => SetImage(s, "fluentd:v3"));
        f.H.Api.ClearCalls();
        await f.ConvergeAsync();
        Assert.DoesNotContain(f.H.Api.Calls, c => c.StartsWith("delete pods/", StringComparison.Ordinal));
        Assert.All(f.Pods(), p => Assert.Equal("fluentd:v2.5.1", Str(p["spec"]!["containers"]![0]!["image"])));
    }

    [Fact]
    public async Task Undo_ReusesTheOldRevision_AsRevisionThree()
    {
        await using var f = await StartAsync(nodes: 2);
        await f.CreateAsync(Fluentd());
        await f.ConvergeAsync();
        var first = Assert.Single(f.H.Api.Items(AppsHarness.Revisions, Ns));
        Assert.Equal(1, first["revision"]!.GetValue<long>());

        f.UpdateSet(s => SetImage(s, "fluentd:v3"));
        await f.ConvergeAsync();
        Assert.Equal([1L, 2L], f.H.Api.Items(AppsHarness.Revisions, Ns).Select(r => r["revision"]!.GetValue<long>()).Order());

        // kubectl rollout undo: a strategic merge patch with revision 1's data puts its template back.
        var template = first["data"]!["spec"]!["template"]!.DeepClone().AsObject();
        template.Remove("$patch");
        f.UpdateSet(s => s["spec"]!["template"] = template);
        await f.ConvergeAsync();

        var revisions = f.H.Api.Items(AppsHarness.Revisions, Ns);
        Assert.Equal(2, revisions.Count);
        Assert.Equal(3, revisions.Single(r => Str(r["metadata"]!["name"]) == Str(first["metadata"]!["name"]))["revision"]!.GetValue<long>());
        Assert.All(f.Pods(), p => Assert.Equal("fluentd:v2.5.1", Str(p["spec"]!["containers"]![0]!["image"])));
        Assert.All(f.Pods(), p => Assert.Equal(Str(first["metadata"]!["labels"]!["controller-revision-hash"]), Str(p["metadata"]!["labels"]!["controller-revision-hash"])));
    }
}
