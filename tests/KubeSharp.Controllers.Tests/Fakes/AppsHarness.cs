using System.Text.Json.Nodes;
using KubeSharp.Api.Model;
using KubeSharp.Api.Resources;
using KubeSharp.Client.Cache;

namespace KubeSharp.Controllers.Tests.Fakes;

/// <summary>
/// The fake API with real informers over it. <see cref="SettleAsync"/> waits until the caches hold exactly
/// what the store holds, so a test can run one reconcile at a time over a consistent view.
/// </summary>
public sealed class AppsHarness : IAsyncDisposable
{
    public static readonly GroupVersionResource Pods = new("", "v1", "pods");
    public static readonly GroupVersionResource Claims = new("", "v1", "persistentvolumeclaims");
    public static readonly GroupVersionResource Nodes = new("", "v1", "nodes");
    public static readonly GroupVersionResource Revisions = new("apps", "v1", "controllerrevisions");

    readonly CancellationTokenSource _stop = new();

    public AppsTestClock Clock { get; } = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
    public AppsFakeApi Api { get; }
    public SharedInformerFactory Informers { get; }

    public AppsHarness()
    {
        Api = new AppsFakeApi(Clock);
        Informers = new SharedInformerFactory(Api, TimeProvider.System);
    }

    public async Task StartAsync()
    {
        Informers.Start(_stop.Token);
        await Informers.WaitForCacheSyncAsync(_stop.Token).WaitAsync(TimeSpan.FromSeconds(5));
    }

    public async Task SettleAsync(params GroupVersionResource[] resources)
    {
        var informers = resources.Select(Informers.InformerFor).ToArray();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (!Api.InSync(informers))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("informer caches did not catch up with the fake API");
            await Task.Delay(5);
        }
        // Handlers run just after the cache changes; give them a moment so expectations see the same news.
        await Task.Delay(20);
    }

    public JsonObject Create(GroupVersionResource gvr, string yamlLikeJson) =>
        Api.CreateAsync(gvr, JsonNode.Parse(yamlLikeJson)!["metadata"]?["namespace"]?.GetValue<string>(), JsonNode.Parse(yamlLikeJson)!.AsObject()).GetAwaiter().GetResult();

    /// <summary>What a kubelet reports for a started pod: Running, Ready since now, on <paramref name="node"/> when given.</summary>
    public void MarkRunningReady(string ns, string podName, string? node = null) =>
        Api.Mutate(Pods, ns, podName, pod =>
        {
            if (node is not null) ((JsonObject)pod["spec"]!)["nodeName"] = node;
            pod["status"] = new JsonObject
            {
                ["phase"] = "Running",
                ["conditions"] = new JsonArray(new JsonObject
                {
                    ["type"] = "Ready",
                    ["status"] = "True",
                    ["lastTransitionTime"] = KubeJson.FormatTime(Clock.GetUtcNow()),
                }),
            };
        });

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Informers.DisposeAsync();
        _stop.Dispose();
    }
}
