using KubeSharp.Scheduler.Cache;
using KubeSharp.Scheduler.Framework;
using static KubeSharp.Scheduler.Tests.Fakes.Objects;

namespace KubeSharp.Scheduler.Tests;

public sealed class AlgorithmTests
{
    static SchedulingAlgorithm Algorithm(SchedulerOptions? options = null) =>
        new(Profile.Default(PodInfo.DefaultSchedulerName, _ => null), options ?? new SchedulerOptions(), new Random(1));

    [Fact]
    public void FitError_message_counts_reasons_and_explains_preemption_as_upstream()
    {
        NodeInfo[] nodes =
        [
            TestNode("a", cpu: "8", labels: """{"disk":"hdd"}"""),
            TestNode("b", cpu: "2", labels: """{"disk":"ssd"}"""),
            TestNode("c", cpu: "2", labels: """{"disk":"ssd"}"""),
        ];
        var pod = Pod("p", cpu: "4", spec: """{"nodeSelector":{"disk":"ssd"}}""");
        var outcome = Algorithm().Schedule(pod, nodes);
        Assert.False(outcome.Succeeded);
        Assert.Equal(
            "0/3 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 2 Insufficient cpu. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
            outcome.FailureMessage);
    }

    [Fact]
    public void Nodes_that_eviction_could_free_have_no_victims()
    {
        NodeInfo[] nodes = [TestNode("a", cpu: "2", bound: [Pod("x", cpu: "2")]), TestNode("b", spec: """{"unschedulable":true}""")];
        var outcome = Algorithm().Schedule(Pod("p", cpu: "1"), nodes);
        Assert.Equal(
            "0/2 nodes are available: 1 Insufficient cpu, 1 node(s) were unschedulable. preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.",
            outcome.FailureMessage);
        Assert.Equal(ScheduleOutcome.NoNodesAvailable, Algorithm().Schedule(Pod("p"), []).FailureMessage);
    }

    [Theory]
    [InlineData(50, 50)]
    [InlineData(100, 100)]
    [InlineData(1000, 420)]
    [InlineData(5000, 500)]
    [InlineData(10000, 500)]
    public void Adaptive_percentage_of_nodes_to_score(int nodes, int expected) =>
        Assert.Equal(expected, Algorithm().NumFeasibleNodesToFind(nodes));

    [Fact]
    public void Scoring_prefers_the_least_allocated_untainted_node()
    {
        NodeInfo[] nodes =
        [
            TestNode("busy", bound: [Pod("x", cpu: "3", memory: "6Gi")]),
            TestNode("idle"),
            TestNode("tainted", spec: """{"taints":[{"key":"k","effect":"PreferNoSchedule"}]}"""),
        ];
        for (var i = 0; i < 10; i++)
            Assert.Equal("idle", Algorithm().Schedule(Pod("p" + i, cpu: "100m", memory: "100Mi"), nodes).Host);
    }

    [Fact]
    public void Sampling_stops_early_and_rotates_the_starting_node()
    {
        var nodes = Enumerable.Range(0, 1000).Select(i => TestNode($"n{i:D4}")).ToArray();
        var algorithm = Algorithm();
        var first = algorithm.Schedule(Pod("a"), nodes);
        Assert.Equal(420, first.EvaluatedNodes);
        Assert.Equal(420, first.FeasibleNodes);
        var second = algorithm.Schedule(Pod("b"), nodes);
        Assert.Equal(420, second.EvaluatedNodes);
        // The second cycle started where the first stopped, so it chose among other nodes.
        Assert.True(string.CompareOrdinal(second.Host, "n0420") >= 0 && string.CompareOrdinal(second.Host, "n0840") < 0, second.Host);
    }

    [Fact]
    public void Parallel_filtering_finds_the_same_feasible_set()
    {
        var nodes = Enumerable.Range(0, 300).Select(i => TestNode($"n{i:D3}", labels: i % 3 == 0 ? """{"disk":"ssd"}""" : null)).ToArray();
        var pod = Pod("p", spec: """{"nodeSelector":{"disk":"ssd"}}""");
        var parallel = Algorithm(new SchedulerOptions { ParallelFilterThreshold = 1, PercentageOfNodesToScore = 100 }).Schedule(pod, nodes);
        Assert.Equal(100, parallel.FeasibleNodes);
        Assert.Equal(300, parallel.EvaluatedNodes);
        var none = Algorithm(new SchedulerOptions { ParallelFilterThreshold = 1 }).Schedule(Pod("q", spec: """{"nodeSelector":{"disk":"nvme"}}"""), nodes);
        Assert.StartsWith("0/300 nodes are available: 300 node(s) didn't match Pod's node affinity/selector.", none.FailureMessage);
    }
}
