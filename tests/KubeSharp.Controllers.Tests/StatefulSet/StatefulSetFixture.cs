using System.Text.Json.Nodes;
using KubeSharp.Api.Resources;
using KubeSharp.Controllers.StatefulSet;
using KubeSharp.Controllers.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;

namespace KubeSharp.Controllers.Tests.StatefulSet;

/// <summary>A stateful set controller over the fake API, reconciled one step at a time.</summary>
public sealed class StatefulSetFixture : IAsyncDisposable
{
    public const string Ns = "default";
    public static readonly GroupVersionResource Sets = StatefulSetController.StatefulSets;

    public AppsHarness H { get; } = new();
    public StatefulSetController Controller { get; }

    public StatefulSetFixture() => Controller = new StatefulSetController(H.Api, H.Informers, H.Clock, null, NullLogger.Instance);

    public static async Task<StatefulSetFixture> StartAsync()
    {
        var f = new StatefulSetFixture();
        await f.H.StartAsync();
        return f;
    }

    /// <summary>The seed's "web" set: nginx pods behind the headless service "nginx", one "www" claim per pod.</summary>
    public static JsonObject Web(int replicas = 2, string policy = "OrderedReady", string image = "nginx:1.9.1", JsonObject? updateStrategy = null,
        JsonObject? retention = null, int? start = null) => new()
    {
        ["apiVersion"] = "apps/v1",
        ["kind"] = "StatefulSet",
        ["metadata"] = new JsonObject { ["name"] = "web", ["namespace"] = Ns },
        ["spec"] = new JsonObject
        {
            ["replicas"] = replicas,
            ["serviceName"] = "nginx",
            ["podManagementPolicy"] = policy,
            ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = "nginx" } },
            ["updateStrategy"] = updateStrategy ?? new JsonObject { ["type"] = "RollingUpdate", ["rollingUpdate"] = new JsonObject { ["partition"] = 0 } },
            ["persistentVolumeClaimRetentionPolicy"] = retention ?? new JsonObject { ["whenDeleted"] = "Retain", ["whenScaled"] = "Retain" },
            ["revisionHistoryLimit"] = 10,
            ["ordinals"] = start is { } s ? new JsonObject { ["start"] = s } : null,
            ["template"] = new JsonObject
            {
                ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = "nginx" } },
                ["spec"] = new JsonObject
                {
                    ["containers"] = new JsonArray(new JsonObject
                    {
                        ["name"] = "nginx",
                        ["image"] = image,
                        ["volumeMounts"] = new JsonArray(new JsonObject { ["name"] = "www", ["mountPath"] = "/usr/share/nginx/html" }),
                    }),
                },
            },
            ["volumeClaimTemplates"] = new JsonArray(new JsonObject
            {
                ["metadata"] = new JsonObject { ["name"] = "www" },
                ["spec"] = new JsonObject
                {
                    ["accessModes"] = new JsonArray("ReadWriteOnce"),
                    ["resources"] = new JsonObject { ["requests"] = new JsonObject { ["storage"] = "1Gi" } },
                },
            }),
        },
    };

    public async Task<JsonObject> CreateAsync(JsonObject set) => await H.Api.CreateAsync(Sets, Ns, set);

    /// <summary>Lets the caches catch up, then runs one reconcile of "web".</summary>
    public async Task SyncAsync(string name = "web")
    {
        await H.SettleAsync(Sets, AppsHarness.Pods, AppsHarness.Claims, AppsHarness.Revisions);
        await Controller.ReconcileAsync(new NamespacedName(Ns, name), CancellationToken.None);
    }

    public IReadOnlyList<string> PodNames() => [.. H.Api.Items(AppsHarness.Pods, Ns).Select(p => p["metadata"]!["name"]!.GetValue<string>())];

    public IReadOnlyList<string> ClaimNames() => [.. H.Api.Items(AppsHarness.Claims, Ns).Select(p => p["metadata"]!["name"]!.GetValue<string>())];

    public JsonObject Pod(string name) => H.Api.Find(AppsHarness.Pods, Ns, name) ?? throw new InvalidOperationException($"no pod {name}");

    public JsonObject Set() => H.Api.Find(Sets, Ns, "web")!;

    public void Ready(params string[] pods)
    {
        foreach (var p in pods) H.MarkRunningReady(Ns, p);
    }

    /// <summary>Syncs and marks every pod ready until the set stops changing (at most <paramref name="rounds"/> rounds).</summary>
    public async Task ConvergeAsync(int rounds = 20)
    {
        for (var i = 0; i < rounds; i++)
        {
            var before = H.Api.Calls.Count;
            await SyncAsync();
            var started = 0;
            foreach (var pod in H.Api.Items(AppsHarness.Pods, Ns))
                if (pod["status"]?["phase"]?.GetValue<string>() != "Running")
                {
                    Ready(pod["metadata"]!["name"]!.GetValue<string>());
                    started++;
                }
            if (started == 0 && H.Api.Calls.Count == before) return;
        }
    }

    public void UpdateSet(Action<JsonObject> change) => H.Api.Mutate(Sets, Ns, "web", set =>
    {
        var before = set["spec"]!.DeepClone();
        change(set);
        if (!JsonNode.DeepEquals(before, set["spec"]))
            set["metadata"]!["generation"] = set["metadata"]!["generation"]!.GetValue<long>() + 1;
    });

    public static void SetImage(JsonObject set, string image) => set["spec"]!["template"]!["spec"]!["containers"]![0]!["image"] = image;

    public ValueTask DisposeAsync() => H.DisposeAsync();
}
