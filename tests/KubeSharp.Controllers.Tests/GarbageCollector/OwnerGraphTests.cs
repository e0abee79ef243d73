using System.Text.Json.Nodes;
using KubeSharp.Api.Resources;
using KubeSharp.Controllers.GarbageCollector;

namespace KubeSharp.Controllers.Tests.GarbageCollector;

public sealed class OwnerGraphTests
{
    static readonly GroupVersionResource Pods = new("", "v1", "pods");

    static JsonObject Pod(string name, string uid, params string[] ownerUids) => new()
    {
        ["metadata"] = new JsonObject
        {
            ["name"] = name,
            ["namespace"] = "ns",
            ["uid"] = uid,
            ["ownerReferences"] = new JsonArray(ownerUids.Select(o => (JsonNode)new JsonObject
            {
                ["apiVersion"] = "apps/v1", ["kind"] = "ReplicaSet", ["name"] = "rs-" + o, ["uid"] = o, ["blockOwnerDeletion"] = true,
            }).ToArray()),
        },
    };

    [Fact]
    public void DependentsAreIndexedByOwnerUidAndFollowChanges()
    {
        var graph = new OwnerGraph();
        graph.Upsert(GraphNode.From(Pods, Pod("a", "pa", "rs1")));
        graph.Upsert(GraphNode.From(Pods, Pod("b", "pb", "rs1", "rs2")));
        Assert.Equal(["a", "b"], graph.DependentsOf("rs1").Select(d => d.Name).OrderBy(n => n));
        Assert.Equal(["b"], graph.DependentsOf("rs2").Select(d => d.Name));

        // b is released by rs1: the index follows the update.
        graph.Upsert(GraphNode.From(Pods, Pod("b", "pb", "rs2")));
        Assert.Equal(["a"], graph.DependentsOf("rs1").Select(d => d.Name));

        graph.Remove("pa");
        Assert.Empty(graph.DependentsOf("rs1"));
        Assert.True(graph.Get("pb")!.Owners.Single().BlockOwnerDeletion);
    }

    [Fact]
    public void DeletionModeIsReadFromFinalizers()
    {
        var obj = Pod("a", "pa");
        obj["metadata"]!["deletionTimestamp"] = "2026-11-22T00:00:00Z";
        obj["metadata"]!["finalizers"] = new JsonArray("foregroundDeletion");
        var node = GraphNode.From(Pods, obj);
        Assert.True(node.Deleting);
        Assert.True(node.Foreground);
        Assert.False(node.Orphan);
    }
}
