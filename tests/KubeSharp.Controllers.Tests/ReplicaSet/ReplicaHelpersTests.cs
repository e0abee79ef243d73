using System.Text.Json.Nodes;
using KubeSharp.Api.Model;
using KubeSharp.Api.Resources;
using KubeSharp.Client;
using KubeSharp.Controllers.ReplicaSet;
using KubeSharp.Controllers.Tests.Fakes;

namespace KubeSharp.Controllers.Tests.ReplicaSet;

public sealed class ReplicaHelpersTests
{
    static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    static JsonObject Pod(string name, string? node = null, string phase = "Running", bool ready = false, DateTimeOffset? created = null,
        DateTimeOffset? readySince = null, int restarts = 0, int? cost = null)
    {
        var meta = new JsonObject { ["name"] = name, ["namespace"] = "ns", ["uid"] = "uid-" + name, ["creationTimestamp"] = KubeJson.FormatTime(created ?? T0) };
        if (cost is { } c) meta["annotations"] = new JsonObject { ["controller.kubernetes.io/pod-deletion-cost"] = c.ToString() };
        var status = new JsonObject
        {
            ["phase"] = phase,
            ["containerStatuses"] = new JsonArray(new JsonObject { ["name"] = "app", ["restartCount"] = restarts }),
        };
        if (ready)
            status["conditions"] = new JsonArray(new JsonObject
            {
                ["type"] = "Ready", ["status"] = "True", ["lastTransitionTime"] = KubeJson.FormatTime(readySince ?? T0),
            });
        var spec = new JsonObject();
        if (node is not null) spec["nodeName"] = node;
        return new JsonObject { ["metadata"] = meta, ["spec"] = spec, ["status"] = status };
    }

    static List<string> Order(params JsonObject[] pods) =>
        PodDeletionOrder.PodsToDelete(pods, pods, pods.Length - 1).Select(p => JsonMeta.Name(p)!).ToList();

    [Fact]
    public void DeletionPrefersUnscheduledThenPendingThenNotReady()
    {
        var order = Order(
            Pod("ready", "n1", ready: true),
            Pod("not-ready", "n2"),
            Pod("pending", "n3", phase: "Pending"),
            Pod("unscheduled", phase: "Pending"),
            Pod("keep", "n4", ready: true, readySince: T0.AddHours(-1)));
        Assert.Equal(["unscheduled", "pending", "not-ready", "ready"], order);
    }

    [Fact]
    public void DeletionPrefersLowerCostThenDoubledUpThenRecentlyReadyThenRestartsThenNewest()
    {
        Assert.Equal("cheap", Order(Pod("cheap", "n1", ready: true, cost: -5), Pod("dear", "n2", ready: true))[0]);
        // Two pods share n1: one of them goes first.
        Assert.Equal("crowded-b", Order(Pod("alone", "n2", ready: true), Pod("crowded-a", "n1", ready: true, created: T0.AddMinutes(-1)), Pod("crowded-b", "n1", ready: true))[0]);
        Assert.Equal("fresh", Order(Pod("old", "n1", ready: true, readySince: T0.AddHours(-2)), Pod("fresh", "n2", ready: true, readySince: T0))[0]);
        Assert.Equal("crashy", Order(Pod("calm", "n1", ready: true), Pod("crashy", "n2", ready: true, restarts: 4))[0]);
        Assert.Equal("young", Order(Pod("elder", "n1", ready: true, created: T0.AddDays(-1)), Pod("young", "n2", ready: true, created: T0))[0]);
    }

    [Fact]
    public void AvailabilityWaitsForMinReadySeconds()
    {
        var pod = Pod("p", "n", ready: true, readySince: T0);
        Assert.True(PodState.IsAvailable(pod, 0, T0));
        Assert.False(PodState.IsAvailable(pod, 10, T0.AddSeconds(10)));
        Assert.True(PodState.IsAvailable(pod, 10, T0.AddSeconds(11)));
        Assert.False(PodState.IsAvailable(Pod("q", "n"), 0, T0));
    }

    [Fact]
    public async Task SlowStartDoublesBatchesAndStopsAfterAFailingBatch()
    {
        var calls = 0;
        var (ok, error) = await SlowStart.RunAsync(10, 1, _ => { Interlocked.Increment(ref calls); return Task.CompletedTask; }, CancellationToken.None);
        Assert.Equal((10, 10), (ok, calls));
        Assert.Null(error);

        calls = 0;
        (ok, error) = await SlowStart.RunAsync(20, 1, _ =>
            Interlocked.Increment(ref calls) > 4 ? Task.FromException(new InvalidOperationException("quota")) : Task.CompletedTask, CancellationToken.None);
        // Batches 1 and 2 succeed; the batch of 4 has a failure, so the batch of 8 never starts.
        Assert.Equal(7, calls);
        Assert.Equal(4, ok);
        Assert.Equal("quota", error!.Message);
    }

    [Fact]
    public void StatusCountsFullyLabeledReadyAndAvailablePods()
    {
        var owner = new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "rs", ["generation"] = 4 },
            ["spec"] = new JsonObject
            {
                ["minReadySeconds"] = 5,
                ["template"] = new JsonObject { ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = "a", ["v"] = "2" } } },
            },
        };
        var a = Pod("a", "n", ready: true, readySince: T0.AddMinutes(-1));
        a["metadata"]!["labels"] = new JsonObject { ["app"] = "a", ["v"] = "2" };
        var b = Pod("b", "n", ready: true, readySince: T0);
        b["metadata"]!["labels"] = new JsonObject { ["app"] = "a" };
        var status = ReplicaStatus.Calculate(owner, [a, b, Pod("c", "n")], T0.AddSeconds(1));
        Assert.Equal(new ReplicaStatus(3, 1, 2, 1), status);

        var written = status.ApplyTo(owner, "FailedCreate", "quota exceeded", T0)!;
        Assert.Equal(4, ObjectFields.Long(written["status"]!["observedGeneration"]));
        Assert.Equal("ReplicaFailure", written["status"]!["conditions"]![0]!["type"]!.GetValue<string>());
        Assert.Null(status.ApplyTo(written, "FailedCreate", "quota exceeded", T0));
        Assert.Null(status.ApplyTo(written, null, null, T0)!["status"]!["conditions"]);
    }
}
