using KubeSharp.Scheduler.Cache;
using KubeSharp.Scheduler.Framework;
using KubeSharp.Scheduler.Plugins.InterPodAffinity;
using KubeSharp.Scheduler.Plugins.NodeAffinity;
using KubeSharp.Scheduler.Plugins.NodeName;
using KubeSharp.Scheduler.Plugins.NodePorts;
using KubeSharp.Scheduler.Plugins.NodeResources;
using KubeSharp.Scheduler.Plugins.NodeUnschedulable;
using KubeSharp.Scheduler.Plugins.PodTopologySpread;
using KubeSharp.Scheduler.Plugins.TaintToleration;
using static KubeSharp.Scheduler.Tests.Fakes.Objects;

namespace KubeSharp.Scheduler.Tests;

public sealed class PluginTests
{
    static Status Filter(IFilterPlugin plugin, PodInfo pod, NodeInfo node, params NodeInfo[] all)
    {
        var state = new CycleState();
        if (plugin is IPreFilterPlugin pre)
        {
            var s = pre.PreFilter(state, pod, all.Length > 0 ? all : [node]);
            if (s.IsSkip) return Status.Success;
        }
        return plugin.Filter(state, pod, node);
    }

    [Fact]
    public void NodeName_only_the_named_node_fits()
    {
        var pod = Pod("p", spec: """{"nodeName":"a"}""");
        Assert.True(Filter(new NodeName(), pod, TestNode("a")).IsSuccess);
        var status = Filter(new NodeName(), pod, TestNode("b"));
        Assert.Equal(StatusCode.UnschedulableAndUnresolvable, status.Code);
        Assert.Equal(["node(s) didn't match the requested node name"], status.Reasons);
    }

    [Fact]
    public void NodeUnschedulable_rejects_cordoned_nodes_unless_tolerated()
    {
        var cordoned = TestNode("a", spec: """{"unschedulable":true}""");
        Assert.Equal(["node(s) were unschedulable"], Filter(new NodeUnschedulable(), Pod("p"), cordoned).Reasons);
        var tolerant = Pod("p", spec: """{"tolerations":[{"key":"node.kubernetes.io/unschedulable","operator":"Exists","effect":"NoSchedule"}]}""");
        Assert.True(Filter(new NodeUnschedulable(), tolerant, cordoned).IsSuccess);
        Assert.True(Filter(new NodeUnschedulable(), Pod("p"), TestNode("b")).IsSuccess);
    }

    [Fact]
    public void Fit_counts_requests_of_bound_pods_and_says_which_resource_is_short()
    {
        var node = TestNode("a", cpu: "2", memory: "1Gi", bound: [Pod("x", cpu: "1500m", memory: "512Mi")]);
        Assert.True(Filter(new Fit(), Pod("p", cpu: "500m", memory: "512Mi"), node).IsSuccess);
        var tooBig = Filter(new Fit(), Pod("p", cpu: "600m", memory: "600Mi"), node);
        Assert.Equal(StatusCode.Unschedulable, tooBig.Code);
        Assert.Equal(["Insufficient cpu", "Insufficient memory"], tooBig.Reasons);
        // More than the whole node: no eviction could help.
        Assert.Equal(StatusCode.UnschedulableAndUnresolvable, Filter(new Fit(), Pod("p", cpu: "3"), node).Code);
    }

    [Fact]
    public void Fit_limits_the_number_of_pods()
    {
        var node = TestNode("a", pods: "1", bound: [Pod("x")]);
        Assert.Equal(["Too many pods"], Filter(new Fit(), Pod("p"), node).Reasons);
    }

    [Fact]
    public void Pod_requests_take_the_largest_init_container_and_add_the_overhead()
    {
        var pod = Pod("p", cpu: "1", spec: """
            {"initContainers":[{"name":"i1","image":"x","resources":{"requests":{"cpu":"3","memory":"1Gi"}}},
                               {"name":"i2","image":"x","resources":{"requests":{"cpu":"500m"}}}],
             "overhead":{"cpu":"250m"}}
            """);
        Assert.Equal(3250, pod.Requests.MilliCpu);
        Assert.Equal(1L << 30, pod.Requests.MemoryBytes);
        // Containers without requests count upstream's defaults when scoring.
        Assert.Equal(PodInfo.DefaultMemoryRequest, Pod("q", cpu: "1").NonZeroRequests.MemoryBytes);
    }

    [Fact]
    public void NodeAffinity_checks_nodeSelector_and_every_operator()
    {
        var node = TestNode("a", labels: """{"disk":"ssd","cores":"8","zone":"z1"}""");
        Assert.True(Filter(new NodeAffinity(), Pod("p", spec: """{"nodeSelector":{"disk":"ssd"}}"""), node).IsSuccess);
        var miss = Filter(new NodeAffinity(), Pod("p", spec: """{"nodeSelector":{"disk":"hdd"}}"""), node);
        Assert.Equal(["node(s) didn't match Pod's node affinity/selector"], miss.Reasons);

        bool Term(string expressions, string field = "matchExpressions") => Filter(new NodeAffinity(), Pod("p", spec: $$$"""
            {"affinity":{"nodeAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":{"nodeSelectorTerms":[{"{{{field}}}":{{{expressions}}} }]} } } }
            """), node).IsSuccess;
        Assert.True(Term("""[{"key":"disk","operator":"In","values":["ssd","nvme"]}]"""));
        Assert.False(Term("""[{"key":"disk","operator":"NotIn","values":["ssd"]}]"""));
        Assert.True(Term("""[{"key":"gpu","operator":"DoesNotExist"}]"""));
        Assert.False(Term("""[{"key":"gpu","operator":"Exists"}]"""));
        Assert.True(Term("""[{"key":"cores","operator":"Gt","values":["4"]}]"""));
        Assert.False(Term("""[{"key":"cores","operator":"Lt","values":["4"]}]"""));
        Assert.True(Term("""[{"key":"metadata.name","operator":"In","values":["a"]}]""", "matchFields"));
        Assert.False(Term("""[{"key":"metadata.name","operator":"NotIn","values":["a"]}]""", "matchFields"));
        Assert.False(Term("[]"));
    }

    [Fact]
    public void NodeAffinity_scores_preferred_terms_by_weight()
    {
        var pod = Pod("p", spec: """
            {"affinity":{"nodeAffinity":{"preferredDuringSchedulingIgnoredDuringExecution":[
              {"weight":10,"preference":{"matchExpressions":[{"key":"disk","operator":"In","values":["ssd"]}]}},
              {"weight":30,"preference":{"matchExpressions":[{"key":"zone","operator":"In","values":["z1"]}]}}]}}}
            """);
        NodeInfo[] nodes = [TestNode("a", labels: """{"disk":"ssd"}"""), TestNode("b", labels: """{"disk":"ssd","zone":"z1"}"""), TestNode("c")];
        var plugin = new NodeAffinity();
        var state = new CycleState();
        long[] scores = [.. nodes.Select(n => plugin.Score(state, pod, n))];
        Assert.Equal([10L, 40, 0], scores);
        plugin.NormalizeScore(state, pod, nodes, scores);
        Assert.Equal([25L, 100, 0], scores);
    }

    [Fact]
    public void TaintToleration_filters_NoSchedule_and_scores_PreferNoSchedule()
    {
        var tainted = TestNode("a", spec: """{"taints":[{"key":"dedicated","value":"gpu","effect":"NoSchedule"}]}""");
        var status = Filter(new TaintToleration(), Pod("p"), tainted);
        Assert.Equal(StatusCode.UnschedulableAndUnresolvable, status.Code);
        Assert.Equal(["node(s) had untolerated taint {dedicated: gpu}"], status.Reasons);
        Assert.True(Filter(new TaintToleration(), Pod("p", spec: """{"tolerations":[{"key":"dedicated","operator":"Equal","value":"gpu"}]}"""), tainted).IsSuccess);
        Assert.False(Filter(new TaintToleration(), Pod("p", spec: """{"tolerations":[{"key":"dedicated","operator":"Equal","value":"cpu"}]}"""), tainted).IsSuccess);

        NodeInfo[] nodes = [TestNode("x", spec: """{"taints":[{"key":"a","effect":"PreferNoSchedule"},{"key":"b","effect":"PreferNoSchedule"}]}"""), TestNode("y")];
        var plugin = new TaintToleration();
        long[] scores = [.. nodes.Select(n => plugin.Score(new CycleState(), Pod("p"), n))];
        Assert.Equal([2L, 0], scores);
        plugin.NormalizeScore(new CycleState(), Pod("p"), nodes, scores);
        Assert.Equal([0L, 100], scores);
    }

    [Fact]
    public void NodePorts_rejects_nodes_where_the_host_port_is_taken()
    {
        const string port = """{"containers":[{"name":"c","image":"x","ports":[{"containerPort":80,"hostPort":8080}]}]}""";
        var busy = TestNode("a", bound: [Pod("x", spec: port)]);
        Assert.Equal(["node(s) didn't have free ports for the requested pod ports"], Filter(new NodePorts(), Pod("p", spec: port), busy).Reasons);
        Assert.True(Filter(new NodePorts(), Pod("p", spec: port), TestNode("b")).IsSuccess);
        const string udp = """{"containers":[{"name":"c","image":"x","ports":[{"containerPort":80,"hostPort":8080,"protocol":"UDP"}]}]}""";
        Assert.True(Filter(new NodePorts(), Pod("p", spec: udp), busy).IsSuccess);
    }

    static readonly InterPodAffinity PodAffinity = new(_ => null);

    [Fact]
    public void InterPodAffinity_anti_affinity_keeps_matching_pods_apart()
    {
        const string anti = """
            {"affinity":{"podAntiAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":[
              {"labelSelector":{"matchLabels":{"app":"web"}},"topologyKey":"kubernetes.io/hostname"}]}}}
            """;
        var taken = TestNode("a", bound: [Pod("w1", labels: """{"app":"web"}""")]);
        var free = TestNode("b");
        var pod = Pod("w2", labels: """{"app":"web"}""", spec: anti);
        Assert.Equal(["node(s) didn't match pod anti-affinity rules"], Filter(PodAffinity, pod, taken, taken, free).Reasons);
        Assert.True(Filter(PodAffinity, pod, free, taken, free).IsSuccess);

        // The anti-affinity of a pod already placed keeps matching newcomers away too.
        var guarded = TestNode("c", bound: [Pod("g", spec: anti.Replace("\"web\"", "\"db\""))]);
        var db = Pod("db", labels: """{"app":"db"}""");
        Assert.Equal(["node(s) didn't satisfy existing pods anti-affinity rules"], Filter(PodAffinity, db, guarded, guarded, free).Reasons);
    }

    [Fact]
    public void InterPodAffinity_affinity_needs_a_matching_pod_in_the_same_zone_except_for_the_first()
    {
        const string affinity = """
            {"affinity":{"podAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":[
              {"labelSelector":{"matchLabels":{"app":"cache"}},"topologyKey":"zone"}]}}}
            """;
        var z1 = TestNode("a", labels: """{"zone":"z1"}""", bound: [Pod("c1", labels: """{"app":"cache"}""")]);
        var z1b = TestNode("b", labels: """{"zone":"z1"}""");
        var z2 = TestNode("c", labels: """{"zone":"z2"}""");
        var pod = Pod("web", spec: affinity);
        Assert.True(Filter(PodAffinity, pod, z1b, z1, z1b, z2).IsSuccess);
        var rejected = Filter(PodAffinity, pod, z2, z1, z1b, z2);
        Assert.Equal(StatusCode.UnschedulableAndUnresolvable, rejected.Code);
        Assert.Equal(["node(s) didn't match pod affinity rules"], rejected.Reasons);
        // No cache pod anywhere: a pod matching its own term may start the group.
        var first = Pod("c0", labels: """{"app":"cache"}""", spec: affinity);
        Assert.True(Filter(PodAffinity, first, TestNode("d", labels: """{"zone":"z3"}""")).IsSuccess);
        Assert.False(Filter(PodAffinity, pod, TestNode("d", labels: """{"zone":"z3"}""")).IsSuccess);
    }

    [Fact]
    public void PodTopologySpread_keeps_skew_within_maxSkew()
    {
        const string spread = """
            {"topologySpreadConstraints":[{"maxSkew":1,"topologyKey":"zone","whenUnsatisfiable":"DoNotSchedule","labelSelector":{"matchLabels":{"app":"web"}}}]}
            """;
        var z1 = TestNode("a", labels: """{"zone":"z1"}""", bound: [Pod("w1", labels: """{"app":"web"}"""), Pod("w2", labels: """{"app":"web"}""")]);
        var z2 = TestNode("b", labels: """{"zone":"z2"}""", bound: [Pod("w3", labels: """{"app":"web"}""")]);
        var nolabel = TestNode("c");
        var pod = Pod("w4", labels: """{"app":"web"}""", spec: spread);
        Assert.Equal(["node(s) didn't match pod topology spread constraints"], Filter(new PodTopologySpread(), pod, z1, z1, z2, nolabel).Reasons);
        Assert.True(Filter(new PodTopologySpread(), pod, z2, z1, z2, nolabel).IsSuccess);
        var missing = Filter(new PodTopologySpread(), pod, nolabel, z1, z2, nolabel);
        Assert.Equal(StatusCode.UnschedulableAndUnresolvable, missing.Code);
        Assert.Equal(["node(s) didn't match pod topology spread constraints (missing required label)"], missing.Reasons);
    }

    [Fact]
    public void LeastAllocated_and_BalancedAllocation_score_as_upstream()
    {
        var node = TestNode("a", cpu: "4", memory: "4Gi", bound: [Pod("x", cpu: "1", memory: "1Gi")]);
        var pod = Pod("p", cpu: "1", memory: "2Gi");
        // cpu: (4000-2000)*100/4000 = 50; memory: (4-3)*100/4 = 25; mean 37.
        Assert.Equal(37, new Fit().Score(new CycleState(), pod, node));
        // fractions 0.5 and 0.75: std 0.125 → 87.
        Assert.Equal(87, new BalancedAllocation().Score(new CycleState(), pod, node));
    }
}
