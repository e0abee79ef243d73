using System.Text.Json.Nodes;
using KubeSharp.Controllers.Tests.Fakes;
using static KubeSharp.Controllers.Tests.StatefulSet.StatefulSetFixture;

namespace KubeSharp.Controllers.Tests.StatefulSet;

public sealed class StatefulSetControllerTests
{
    static string? Str(JsonNode? n) => n?.GetValue<string>();

    [Fact]
    public async Task OrderedReady_CreatesOnePodAtATime_EachAfterItsPredecessorIsReady()
    {
        await using var f = await StartAsync();
        await f.CreateAsync(Web(replicas: 3));

        await f.SyncAsync();
        Assert.Equal(["web-0"], f.PodNames());
        await f.SyncAsync();
        Assert.Equal(["web-0"], f.PodNames()); // web-0 still Pending: nothing more happens

        f.Ready("web-0");
        await f.SyncAsync();
        Assert.Equal(["web-0", "web-1"], f.PodNames());

        f.Ready("web-1");
        await f.SyncAsync();
        Assert.Equal(["web-0", "web-1", "web-2"], f.PodNames());
        Assert.Equal(["www-web-0", "www-web-1", "www-web-2"], f.ClaimNames());
    }

    [Fact]
    public async Task Parallel_CreatesAllPodsAtOnce()
    {
        await using var f = await StartAsync();
        await f.CreateAsync(Web(replicas: 3, policy: "Parallel"));
        await f.SyncAsync();
        Assert.Equal(["web-0", "web-1", "web-2"], f.PodNames());
    }

    [Fact]
    public async Task Pods_CarryStableIdentity_AndMountTheirOrdinalsClaim()
    {
        await using var f = await StartAsync();
        var set = await f.CreateAsync(Web(replicas: 1));
        await f.SyncAsync();

        var pod = f.Pod("web-0");
        Assert.Equal("web-0", Str(pod["spec"]!["hostname"]));
        Assert.Equal("nginx", Str(pod["spec"]!["subdomain"]));
        Assert.Equal("web-0", Str(pod["metadata"]!["labels"]!["statefulset.kubernetes.io/pod-name"]));
        Assert.Equal("0", Str(pod["metadata"]!["labels"]!["apps.kubernetes.io/pod-index"]));
        Assert.Equal("nginx", Str(pod["metadata"]!["labels"]!["app"]));
        var volume = pod["spec"]!["volumes"]!.AsArray().Single()!;
        Assert.Equal("www", Str(volume["name"]));
        Assert.Equal("www-web-0", Str(volume["persistentVolumeClaim"]!["claimName"]));
        var owner = pod["metadata"]!["ownerReferences"]!.AsArray().Single()!;
        Assert.Equal(Str(set["metadata"]!["uid"]), Str(owner["uid"]));
        Assert.True(owner["controller"]!.GetValue<bool>());

        var claim = f.H.Api.Find(AppsHarness.Claims, Ns, "www-web-0")!;
        Assert.Null(claim["metadata"]!["ownerReferences"]); // Retain: the claim outlives pod and set
        Assert.Equal("nginx", Str(claim["metadata"]!["labels"]!["app"]));
        Assert.Equal("1Gi", Str(claim["spec"]!["resources"]!["requests"]!["storage"]));

        // The claim is created before the pod.
        var calls = f.H.Api.Calls.ToList();
        Assert.True(calls.IndexOf("create persistentvolumeclaims/www-web-0") < calls.IndexOf("create pods/web-0"));
    }

    [Fact]
    public async Task DeletedPod_ComesBackWithTheSameNameAndClaim()
    {
        await using var f = await StartAsync();
        await f.CreateAsync(Web(replicas: 2));
        await f.ConvergeAsync();
        var oldUid = Str(f.Pod("web-0")["metadata"]!["uid"]);

        await f.H.Api.DeleteAsync(AppsHarness.Pods, Ns, "web-0");
        f.H.Api.ClearCalls();
        await f.SyncAsync();

        var pod = f.Pod("web-0");
        Assert.NotEqual(oldUid, Str(pod["metadata"]!["uid"]));
        Assert.Equal("www-web-0", Str(pod["spec"]!["volumes"]![0]!["persistentVolumeClaim"]!["claimName"]));
        Assert.Equal(["create pods/web-0"], f.H.Api.Calls.Where(c => c.StartsWith("create", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ScaleDown_RemovesHighestOrdinalFirst_OneAtATime_AndKeepsClaims()
    {
        await using var f = await StartAsync();
        await f.CreateAsync(Web(replicas: 3));
        await f.ConvergeAsync();
        Assert.Equal(["web-0", "web-1", "web-2"], f.PodNames());

        f.UpdateSet(s => s["spec"]!["replicas"] = 1);
        await f.SyncAsync();
        Assert.Equal(["web-0", "web-1"], f.PodNames());
        await f.SyncAsync();
        Assert.Equal(["web-0"], f.PodNames());
        Assert.Equal(["www-web-0", "www-web-1", "www-web-2"], f.ClaimNames());
    }

    [Fact]
    public async Task ScaleDown_WaitsWhileALowerOrdinalIsUnhealthy()
    {
        await using var f = await StartAsync();
        await f.CreateAsync(Web(replicas: 3));
        await f.ConvergeAsync();
        f.H.Api.Mutate(AppsHarness.Pods, Ns, "web-0", p => p["status"]!["conditions"]![0]!["status"] = "False");

        f.UpdateSet(s => s["spec"]!["replicas"] = 2);
        await f.SyncAsync();
        Assert.Equal(["web-0", "web-1", "web-2"], f.PodNames());
    }

    [Fact]
    public async Task RollingUpdate_ReplacesPodsFromTheHighestOrdinalDown()
    {
        await using var f = await StartAsync();
        await f.CreateAsync(Web(replicas: 3));
        await f.ConvergeAsync();
        var oldRevision = Str(f.Set()["status"]!["updateRevision"]);

        f.UpdateSet(s => SetImage(s, "nginx:1.10"));
        f.H.Api.ClearCalls();
        await f.SyncAsync();
        Assert.Contains("delete pods/web-2", f.H.Api.Calls);
        Assert.DoesNotContain("delete pods/web-1", f.H.Api.Calls);

        await f.ConvergeAsync();
        var status = f.Set()["status"]!;
        var newRevision = Str(status["updateRevision"]);
        Assert.NotEqual(oldRevision, newRevision);
        Assert.Equal(newRevision, Str(status["currentRevision"]));
        Assert.Equal(3, status["updatedReplicas"]!.GetValue<int>());
        foreach (var name in f.PodNames())
        {
            Assert.Equal("nginx:1.10", Str(f.Pod(name)["spec"]!["containers"]![0]!["image"]));
            Assert.Equal(newRevision, Str(f.Pod(name)["metadata"]!["labels"]!["controller-revision-hash"]));
        }
        var deletes = f.H.Api.Calls.Where(c => c.StartsWith("delete pods/", StringComparison.Ordinal)).ToList();
        Assert.Equal(["delete pods/web-2", "delete pods/web-1", "delete pods/web-0"], deletes);
    }

    [Fact]
    public async Task RollingUpdate_WithPartition_OnlyUpdatesOrdinalsAtOrAboveIt()
    {
        await using var f = await StartAsync();
        await f.CreateAsync(Web(replicas: 3));
        await f.ConvergeAsync();
        var oldRevision = Str(f.Set()["status"]!["currentRevision"]);

        f.UpdateSet(s =>
        {
            SetImage(s, "nginx:1.10");
            s["spec"]!["updateStrategy"]!["rollingUpdate"]!["partition"] = 2;
        });
        await f.ConvergeAsync();

        Assert.Equal("nginx:1.10", Str(f.Pod("web-2")["spec"]!["containers"]![0]!["image"]));
        Assert.Equal("nginx:1.9.1", Str(f.Pod("web-1")["spec"]!["containers"]![0]!["image"]));
        Assert.Equal("nginx:1.9.1", Str(f.Pod("web-0")["spec"]!["containers"]![0]!["image"]));
        var status = f.Set()["status"]!;
        Assert.Equal(oldRevision, Str(status["currentRevision"]));
        Assert.Equal(1, status["updatedReplicas"]!.GetValue<int>());
        Assert.Equal(2, status["currentReplicas"]!.GetValue<int>());

        // A deleted pod below the partition comes back on the current (old) revision.
        await f.H.Api.DeleteAsync(AppsHarness.Pods, Ns, "web-0");
        await f.SyncAsync();
        Assert.Equal("nginx:1.9.1", Str(f.Pod("web-0")["spec"]!["containers"]![0]!["image"]));
        Assert.Equal(oldRevision, Str(f.Pod("web-0")["metadata"]!["labels"]!["controller-revision-hash"]));
    }

    [Fact]
    public async Task RollingUpdate_MaxUnavailable_DeletesSeveralAtOnce()
    {
        await using var f = await StartAsync();
        await f.CreateAsync(Web(replicas: 4, policy: "Parallel",
            updateStrategy: new JsonObject { ["type"] = "RollingUpdate", ["rollingUpdate"] = new JsonObject { ["partition"] = 0, ["maxUnavailable"] = 2 } }));
        await f.ConvergeAsync();
        f.UpdateSet(s => SetImage(s, "nginx:1.10"));
        f.H.Api.ClearCalls();
        await f.SyncAsync();
        Assert.Equal(["delete pods/web-3", "delete pods/web-2"], f.H.Api.Calls.Where(c => c.StartsWith("delete", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task OnDelete_LeavesPodsAlone_UntilTheyAreDeleted()
    {
        await using var f = await StartAsync();
        await f.CreateAsync(Web(replicas: 2, updateStrategy: new JsonObject { ["type"] = "OnDelete" }));
        await f.ConvergeAsync();
        f.UpdateSet(s => SetImage(s, "nginx:1.10"));
        f.H.Api.ClearCalls();
        await f.ConvergeAsync();
        Assert.DoesNotContain(f.H.Api.Calls, c => c.StartsWith("delete", StringComparison.Ordinal));

        await f.H.Api.DeleteAsync(AppsHarness.Pods, Ns, "web-1");
        await f.SyncAsync();
        Assert.Equal("nginx:1.10", Str(f.Pod("web-1")["spec"]!["containers"]![0]!["image"]));
        Assert.Equal("nginx:1.9.1", Str(f.Pod("web-0")["spec"]!["containers"]![0]!["image"]));
    }

    [Fact]
    public async Task OrdinalsStart_NumbersPodsFromIt()
    {
        await using var f = await StartAsync();
        await f.CreateAsync(Web(replicas: 2, start: 5));
        await f.ConvergeAsync();
        Assert.Equal(["web-5", "web-6"], f.PodNames());
        Assert.Equal(["www-web-5", "www-web-6"], f.ClaimNames());
    }

    [Fact]
    public async Task Status_CountsPodsAndRecordsObservedGeneration()
    {
        await using var f = await StartAsync();
        await f.CreateAsync(Web(replicas: 2));
        await f.ConvergeAsync();
        await f.SyncAsync();
        var status = f.Set()["status"]!;
        Assert.Equal(2, status["replicas"]!.GetValue<int>());
        Assert.Equal(2, status["readyReplicas"]!.GetValue<int>());
        Assert.Equal(2, status["availableReplicas"]!.GetValue<int>());
        Assert.Equal(2, status["currentReplicas"]!.GetValue<int>());
        Assert.Equal(2, status["updatedReplicas"]!.GetValue<int>());
        Assert.Equal(1, status["observedGeneration"]!.GetValue<long>());
        Assert.StartsWith("web-", Str(status["currentRevision"]));
        Assert.Equal(Str(status["currentRevision"]), Str(status["updateRevision"]));
    }

    [Fact]
    public async Task History_RecordsTemplatePatch_AndRollbackRenumbersTheOldRevision()
    {
        await using var f = await StartAsync();
        var set = await f.CreateAsync(Web(replicas: 1));
        await f.ConvergeAsync();
        var revisions = f.H.Api.Items(AppsHarness.Revisions, Ns);
        var first = Assert.Single(revisions);
        Assert.Equal(1, first["revision"]!.GetValue<long>());
        Assert.Equal("replace", Str(first["data"]!["spec"]!["template"]!["$patch"]));
        Assert.Equal("nginx:1.9.1", Str(first["data"]!["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]));
        Assert.Equal(Str(set["metadata"]!["uid"]), Str(first["metadata"]!["ownerReferences"]![0]!["uid"]));
        Assert.Equal(Str(first["metadata"]!["name"]), Str(f.Pod("web-0")["metadata"]!["labels"]!["controller-revision-hash"]));

        f.UpdateSet(s => SetImage(s, "nginx:1.10"));
        await f.ConvergeAsync();
        Assert.Equal([1L, 2L], f.H.Api.Items(AppsHarness.Revisions, Ns).Select(r => r["revision"]!.GetValue<long>()).Order());

        f.UpdateSet(s => SetImage(s, "nginx:1.9.1"));
        await f.ConvergeAsync();
        var after = f.H.Api.Items(AppsHarness.Revisions, Ns);
        Assert.Equal(2, after.Count);
        var renumbered = after.Single(r => Str(r["metadata"]!["name"]) == Str(first["metadata"]!["name"]));
        Assert.Equal(3, renumbered["revision"]!.GetValue<long>());
        Assert.Equal(Str(first["metadata"]!["name"]), Str(f.Set()["status"]!["updateRevision"]));
    }

    [Fact]
    public async Task Retention_WhenDeletedDelete_MakesTheSetOwnTheClaims()
    {
        await using var f = await StartAsync();
        var set = await f.CreateAsync(Web(replicas: 1, retention: new JsonObject { ["whenDeleted"] = "Delete", ["whenScaled"] = "Retain" }));
        await f.SyncAsync();
        var owner = f.H.Api.Find(AppsHarness.Claims, Ns, "www-web-0")!["metadata"]!["ownerReferences"]!.AsArray().Single()!;
        Assert.Equal(Str(set["metadata"]!["uid"]), Str(owner["uid"]));
        Assert.Equal("StatefulSet", Str(owner["kind"]));
    }

    [Fact]
    public async Task Retention_WhenScaledDelete_MakesTheCondemnedPodOwnItsClaim()
    {
        await using var f = await StartAsync();
        await f.CreateAsync(Web(replicas: 2, retention: new JsonObject { ["whenDeleted"] = "Retain", ["whenScaled"] = "Delete" }));
        await f.ConvergeAsync();
        var web1 = f.Pod("web-1");
        Assert.Null(f.H.Api.Find(AppsHarness.Claims, Ns, "www-web-1")!["metadata"]!["ownerReferences"]);

        f.UpdateSet(s => s["spec"]!["replicas"] = 1);
        await f.SyncAsync();
        var owner = f.H.Api.Find(AppsHarness.Claims, Ns, "www-web-1")!["metadata"]!["ownerReferences"]!.AsArray().Single()!;
        Assert.Equal("Pod", Str(owner["kind"]));
        Assert.Equal(Str(web1["metadata"]!["uid"]), Str(owner["uid"]));
        Assert.Null(f.H.Api.Find(AppsHarness.Claims, Ns, "www-web-0")!["metadata"]!["ownerReferences"]);
    }

    [Fact]
    public async Task FailedPod_IsDeletedAndRecreated()
    {
        await using var f = await StartAsync();
        await f.CreateAsync(Web(replicas: 1));
        await f.ConvergeAsync();
        f.H.Api.Mutate(AppsHarness.Pods, Ns, "web-0", p => p["status"]!["phase"] = "Failed");
        f.H.Api.ClearCalls();
        await f.SyncAsync();
        Assert.Equal(["delete pods/web-0"], f.H.Api.Calls.Where(c => !c.Contains("status", StringComparison.Ordinal)));
        await f.SyncAsync();
        Assert.Equal(["web-0"], f.PodNames());
    }

    [Fact]
    public async Task OrphanPodMatchingTheSelector_IsAdopted()
    {
        await using var f = await StartAsync();
        await f.H.Api.CreateAsync(AppsHarness.Pods, Ns, JsonNode.Parse("""
            {"metadata":{"name":"web-0","namespace":"default","labels":{"app":"nginx"}},"spec":{"containers":[{"name":"nginx","image":"nginx"}]}}
            """)!.AsObject());
        var set = await f.CreateAsync(Web(replicas: 1));
        await f.SyncAsync();
        Assert.Equal(Str(set["metadata"]!["uid"]), Str(f.Pod("web-0")["metadata"]!["ownerReferences"]![0]!["uid"]));
    }
}
