using System.Text.Json.Nodes;
using KubeSharp.Api.Resources;
using KubeSharp.Controllers.DaemonSet;
using KubeSharp.Controllers.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;

namespace KubeSharp.Controllers.Tests.DaemonSet;

/// <summary>A daemon set controller over the fake API with a few nodes, reconciled one step at a time.</summary>
public sealed class DaemonSetFixture : IAsyncDisposable
{
    public const string Ns = "kube-system";
    public static readonly GroupVersionResource Sets = DaemonSetController.DaemonSets;

    public AppsHarness H { get; } = new();
    public DaemonSetController Controller { get; }

    public DaemonSetFixture() => Controller = new DaemonSetController(H.Api, H.Informers, H.Clock, null, NullLogger.Instance);

    public static async Task<DaemonSetFixture> StartAsync(int nodes = 3)
    {
        var f = new DaemonSetFixture();
        for (var i = 0; i < nodes; i++) f.AddNode($"node-{i}");
        await f.H.StartAsync();
        return f;
    }

    public JsonObject AddNode(string name, JsonObject? labels = null, JsonArray? taints = null) =>
        H.Api.CreateAsync(AppsHarness.Nodes, null, Node(name, labels, taints)).GetAwaiter().GetResult();

    public static JsonObject Node(string name, JsonObject? labels = null, JsonArray? taints = null) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Node",
        ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = labels ?? new JsonObject { ["kubernetes.io/hostname"] = name } },
        ["spec"] = taints is null ? new JsonObject() : new JsonObject { ["taints"] = taints },
        ["status"] = new JsonObject { ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Ready", ["status"] = "True" }) },
    };

    /// <summary>The seed's fluentd-elasticsearch daemon set.</summary>
    public static JsonObject Fluentd(JsonObject? rollingUpdate = null, string type = "RollingUpdate", string image = "fluentd:v2.5.1") => new()
    {
        ["apiVersion"] = "apps/v1",
        ["kind"] = "DaemonSet",
        ["metadata"] = new JsonObject { ["name"] = "fluentd-elasticsearch", ["namespace"] = Ns },
        ["spec"] = new JsonObject
        {
            ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["name"] = "fluentd-elasticsearch" } },
            ["updateStrategy"] = type == "OnDelete"
                ? new JsonObject { ["type"] = "OnDelete" }
                : new JsonObject { ["type"] = "RollingUpdate", ["rollingUpdate"] = rollingUpdate ?? new JsonObject { ["maxUnavailable"] = 1, ["maxSurge"] = 0 } },
            ["revisionHistoryLimit"] = 10,
            ["template"] = new JsonObject
            {
                ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["name"] = "fluentd-elasticsearch" } },
                ["spec"] = new JsonObject
                {
                    ["tolerations"] = new JsonArray(new JsonObject { ["key"] = "node-role.kubernetes.io/master", ["effect"] = "NoSchedule" }),
                    ["containers"] = new JsonArray(new JsonObject { ["name"] = "fluentd-elasticsearch", ["image"] = image }),
                },
            },
        },
    };

    public async Task<JsonObject> CreateAsync(JsonObject set) => await H.Api.CreateAsync(Sets, Ns, set);

    public async Task SyncAsync()
    {
        await H.SettleAsync(Sets, AppsHarness.Pods, AppsHarness.Nodes, AppsHarness.Revisions);
        await Controller.ReconcileAsync(new NamespacedName(Ns, "fluentd-elasticsearch"), CancellationToken.None);
    }

    public IReadOnlyList<JsonObject> Pods() => H.Api.Items(AppsHarness.Pods, Ns);

    /// <summary>Target node of every pod, sorted: the node its affinity names.</summary>
    public IReadOnlyList<string> PodNodes() =>
        [.. Pods().Select(p => KubeSharp.Controllers.DaemonSet.DaemonPodTemplate.TargetNode(p) ?? "?").Order(StringComparer.Ordinal)];

    /// <summary>What scheduler and kubelet do: bind every pending pod to its target node and report it Running and Ready.</summary>
    public int RunPods()
    {
        var started = 0;
        foreach (var pod in Pods())
            if (pod["status"]?["phase"]?.GetValue<string>() != "Running")
            {
                H.MarkRunningReady(Ns, pod["metadata"]!["name"]!.GetValue<string>(), DaemonPodTemplate.TargetNode(pod));
                started++;
            }
        return started;
    }

    public async Task ConvergeAsync(int rounds = 20)
    {
        for (var i = 0; i < rounds; i++)
        {
            var before = H.Api.Calls.Count;
            await SyncAsync();
            if (RunPods() == 0 && H.Api.Calls.Count == before) return;
        }
    }

    public JsonObject Set() => H.Api.Find(Sets, Ns, "fluentd-elasticsearch")!;

    public void UpdateSet(Action<JsonObject> change) => H.Api.Mutate(Sets, Ns, "fluentd-elasticsearch", set =>
    {
        var before = set["spec"]!.DeepClone();
        change(set);
        if (!JsonNode.DeepEquals(before, set["spec"]))
            set["metadata"]!["generation"] = set["metadata"]!["generation"]!.GetValue<long>() + 1;
    });

    public static void SetImage(JsonObject set, string image) => set["spec"]!["template"]!["spec"]!["containers"]![0]!["image"] = image;

    public ValueTask DisposeAsync() => H.DisposeAsync();
}
