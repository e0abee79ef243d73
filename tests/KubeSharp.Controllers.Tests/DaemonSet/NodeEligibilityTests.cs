using System.Text.Json.Nodes;
using KubeSharp.Controllers.DaemonSet;
using static KubeSharp.Controllers.Tests.DaemonSet.DaemonSetFixture;

namespace KubeSharp.Controllers.Tests.DaemonSet;

public sealed class NodeEligibilityTests
{
    static JsonArray Taint(string key, string effect, string? value = null) =>
        new(new JsonObject { ["key"] = key, ["effect"] = effect, ["value"] = value });

    [Fact]
    public void UntoleratedNoSchedule_KeepsNewPodsAway_ButLetsRunningOnesStay() =>
        Assert.Equal(new NodeEligibility.Verdict(false, true), NodeEligibility.Evaluate(Node("n", taints: Taint("dedicated", "NoSchedule")), Fluentd()));

    [Fact]
    public void UntoleratedNoExecute_EvictsToo() =>
        Assert.Equal(new NodeEligibility.Verdict(false, false), NodeEligibility.Evaluate(Node("n", taints: Taint("dedicated", "NoExecute")), Fluentd()));

    [Theory]
    [InlineData("node.kubernetes.io/unschedulable", "NoSchedule")]
    [InlineData("node.kubernetes.io/not-ready", "NoExecute")]
    [InlineData("node-role.kubernetes.io/master", "NoSchedule")]
    public void DefaultAndTemplateTolerations_AdmitTheNode(string key, string effect) =>
        Assert.Equal(new NodeEligibility.Verdict(true, true), NodeEligibility.Evaluate(Node("n", taints: Taint(key, effect)), Fluentd()));

    [Fact]
    public void RequiredNodeAffinity_IsEvaluated()
    {
        var set = Fluentd();
        set["spec"]!["template"]!["spec"]!["affinity"] = JsonNode.Parse("""
            {"nodeAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":{"nodeSelectorTerms":[
              {"matchExpressions":[{"key":"zone","operator":"In","values":["a","b"]}]},
              {"matchFields":[{"key":"metadata.name","operator":"In","values":["special"]}]}]}}}
            """);
        Assert.True(NodeEligibility.Evaluate(Node("n1", new JsonObject { ["zone"] = "b" }), set).ShouldRun);
        Assert.False(NodeEligibility.Evaluate(Node("n2", new JsonObject { ["zone"] = "c" }), set).ShouldRun);
        Assert.True(NodeEligibility.Evaluate(Node("special", new JsonObject { ["zone"] = "c" }), set).ShouldRun);
    }

    [Fact]
    public void NodeSelector_MustMatchLabels()
    {
        var set = Fluentd();
        set["spec"]!["template"]!["spec"]!["nodeSelector"] = new JsonObject { ["disk"] = "ssd" };
        Assert.True(NodeEligibility.Evaluate(Node("a", new JsonObject { ["disk"] = "ssd" }), set).ShouldRun);
        Assert.False(NodeEligibility.Evaluate(Node("b", new JsonObject { ["disk"] = "hdd" }), set).ShouldContinueRunning);
    }

    [Fact]
    public void ReplaceNodeNameAffinity_ReplacesExistingRequiredTerms()
    {
        var set = Fluentd();
        set["spec"]!["template"]!["spec"]!["hostNetwork"] = true;
        set["spec"]!["template"]!["spec"]!["affinity"] = JsonNode.Parse("""
            {"nodeAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":{"nodeSelectorTerms":[
              {"matchExpressions":[{"key":"zone","operator":"In","values":["a"]}]}]},
             "preferredDuringSchedulingIgnoredDuringExecution":[{"weight":1,"preference":{"matchExpressions":[{"key":"x","operator":"Exists"}]}}]}}
            """);
        set["metadata"]!["uid"] = "u1";
        var pod = DaemonPodTemplate.NewPod(set, "node-7", "abc");
        var affinity = pod["spec"]!["affinity"]!["nodeAffinity"]!;
        Assert.Equal("""{"nodeSelectorTerms":[{"matchFields":[{"key":"metadata.name","operator":"In","values":["node-7"]}]}]}""",
            affinity["requiredDuringSchedulingIgnoredDuringExecution"]!.ToJsonString());
        Assert.NotNull(affinity["preferredDuringSchedulingIgnoredDuringExecution"]);
        Assert.Equal("node-7", DaemonPodTemplate.TargetNode(pod));
        Assert.Contains(pod["spec"]!["tolerations"]!.AsArray(), t => t!["key"]!.GetValue<string>() == "node.kubernetes.io/network-unavailable");
        Assert.Equal("abc", pod["metadata"]!["labels"]!["controller-revision-hash"]!.GetValue<string>());
    }

    [Fact]
    public void ExistingDefaultToleration_WithSeconds_IsReplaced()
    {
        var set = Fluentd();
        set["spec"]!["template"]!["spec"]!["tolerations"] = JsonNode.Parse("""
            [{"key":"node.kubernetes.io/not-ready","operator":"Exists","effect":"NoExecute","tolerationSeconds":300}]
            """);
        var tolerations = DaemonPodTemplate.PodSpec(set)["tolerations"]!.AsArray();
        var notReady = tolerations.Single(t => t!["key"]!.GetValue<string>() == "node.kubernetes.io/not-ready")!;
        Assert.Null(notReady["tolerationSeconds"]);
        Assert.Equal(6, tolerations.Count);
    }
}
