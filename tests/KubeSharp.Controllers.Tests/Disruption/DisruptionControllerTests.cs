using System.Text.Json.Nodes;
using KubeSharp.Api.Model;
using KubeSharp.Api.Resources;
using KubeSharp.Client;
using KubeSharp.Controllers.Disruption;
using KubeSharp.Controllers.History;
using KubeSharp.Controllers.ReplicaSet;
using KubeSharp.Controllers.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using static KubeSharp.Controllers.Tests.Fakes.ReplicaHarness;

namespace KubeSharp.Controllers.Tests.Disruption;

public sealed class DisruptionControllerTests : IAsyncLifetime
{
    const string Ns = "default";
    readonly ReplicaHarness _h = new();

    public async Task InitializeAsync()
    {
        var controller = new DisruptionController(_h.Api, _h.Informers, null, _h.Clock, _h.Recorder, NullLogger.Instance);
        await _h.StartAsync(ct => controller.RunAsync(ct));
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    async Task<JsonObject> OwnerAsync(GroupVersionResource gvr, string kind, string name, int replicas, JsonObject? ownerRef = null)
    {
        var meta = new JsonObject { ["name"] = name };
        if (ownerRef is not null) meta["ownerReferences"] = new JsonArray(ownerRef);
        return await _h.Api.CreateAsync(gvr, Ns, new JsonObject
        {
            ["apiVersion"] = gvr.Group.Length == 0 ? gvr.Version : $"{gvr.Group}/{gvr.Version}",
            ["kind"] = kind,
            ["metadata"] = meta,
            ["spec"] = new JsonObject { ["replicas"] = replicas },
        });
    }

    async Task PodAsync(string name, JsonObject? owner, string apiVersion, string kind, bool ready = true)
    {
        var meta = new JsonObject { ["name"] = name, ["labels"] = new JsonObject { ["app"] = "web" } };
        if (owner is not null) meta["ownerReferences"] = new JsonArray(ControllerRefs.New(owner, apiVersion, kind));
        await _h.Api.CreateAsync(Pods, Ns, new JsonObject { ["metadata"] = meta, ["spec"] = new JsonObject() });
        if (ready) _h.MarkReady(Ns, name);
    }

    async Task BudgetAsync(string name, string field, JsonNode value) =>
        await _h.Api.CreateAsync(Budgets, Ns, new JsonObject
        {
            ["apiVersion"] = "policy/v1",
            ["kind"] = "PodDisruptionBudget",
            ["metadata"] = new JsonObject { ["name"] = name },
            ["spec"] = new JsonObject
            {
                [field] = value,
                ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = "web" } },
            },
        });

    JsonNode? Status(string name) => _h.Store.Find(Budgets, Ns, name)?["status"];

    static (int?, int?, int?, int?) Counts(JsonNode? s) =>
        (ObjectFields.Int(s?["currentHealthy"]), ObjectFields.Int(s?["desiredHealthy"]), ObjectFields.Int(s?["expectedPods"]), ObjectFields.Int(s?["disruptionsAllowed"]));

    [Fact]
    public async Task AnIntegerMinAvailableCountsTheSelectedPods()
    {
        await PodAsync("a", null, "", "");
        await PodAsync("b", null, "", "");
        await PodAsync("c", null, "", "", ready: false);
        await BudgetAsync("pdb", "minAvailable", 1);
        await EventuallyAsync(() => Counts(Status("pdb")) == (2, 1, 3, 1), "status");
        var condition = Status("pdb")!["conditions"]![0]!;
        Assert.Equal(("DisruptionAllowed", "True", "SufficientPods"),
            (ObjectFields.Str(condition["type"]), ObjectFields.Str(condition["status"]), ObjectFields.Str(condition["reason"])));
        Assert.Equal(1, ObjectFields.Long(Status("pdb")!["observedGeneration"]));

        await _h.Api.DeleteAsync(Pods, Ns, "a");
        await EventuallyAsync(() => Counts(Status("pdb")) == (1, 1, 2, 0), "after a pod went");
        Assert.Equal("InsufficientPods", ObjectFields.Str(Status("pdb")!["conditions"]![0]!["reason"]));
    }

    [Fact]
    public async Task MaxUnavailableCountsWhatTheDeploymentWants()
    {
        var deployment = await OwnerAsync(Deployments, "Deployment", "web", 4);
        var rs1 = await OwnerAsync(ReplicaSets, "ReplicaSet", "web-1", 2, ControllerRefs.New(deployment, "apps/v1", "Deployment"));
        var rs2 = await OwnerAsync(ReplicaSets, "ReplicaSet", "web-2", 2, ControllerRefs.New(deployment, "apps/v1", "Deployment"));
        await PodAsync("p1", rs1, "apps/v1", "ReplicaSet");
        await PodAsync("p2", rs1, "apps/v1", "ReplicaSet");
        await PodAsync("p3", rs2, "apps/v1", "ReplicaSet");
        // One pod is missing: 3 healthy of the 4 the Deployment wants; 25% of 4 rounds up to 1 unavailable.
        await BudgetAsync("pdb", "maxUnavailable", "25%");
        await EventuallyAsync(() => Counts(Status("pdb")) == (3, 3, 4, 0), "status");
    }

    [Fact]
    public async Task AControllerThatCannotBeFoundFailsSafe()
    {
        var gone = new JsonObject { ["metadata"] = new JsonObject { ["name"] = "ghost", ["uid"] = "no-such-uid" } };
        await PodAsync("p1", gone, "apps/v1", "ReplicaSet");
        await BudgetAsync("pdb", "minAvailable", "50%");
        await EventuallyAsync(() => ObjectFields.Str(Status("pdb")?["conditions"]?[0]?["reason"]) == "SyncFailed", "sync failed");
        Assert.Equal(0, ObjectFields.Int(Status("pdb")!["disruptionsAllowed"]));
    }

    [Fact]
    public async Task ApprovedEvictionsCountAsUnhealthyUntilTheyExpire()
    {
        await PodAsync("a", null, "", "");
        await PodAsync("b", null, "", "");
        await PodAsync("c", null, "", "");
        await BudgetAsync("pdb", "minAvailable", 1);
        await EventuallyAsync(() => Counts(Status("pdb")) == (3, 1, 3, 2), "status");

        // What the eviction subresource writes when it lets pod "a" go.
        _h.Store.Mutate(Budgets, Ns, "pdb", b =>
        {
            b["status"]!["disruptionsAllowed"] = 1;
            b["status"]!["disruptedPods"] = new JsonObject { ["a"] = KubeJson.FormatTime(_h.Clock.GetUtcNow()) };
        });
        await EventuallyAsync(() => Counts(Status("pdb")) == (2, 1, 3, 1) && Status("pdb")!["disruptedPods"]?["a"] is not null, "eviction pending");

        _h.Clock.Advance(BudgetStatus.DeletionTimeout + TimeSpan.FromSeconds(1));
        await EventuallyAsync(() => Counts(Status("pdb")) == (3, 1, 3, 2) && Status("pdb")!["disruptedPods"] is null, "eviction expired");
    }
}
