using KubeSharp.Api.Resources;
using KubeSharp.Client;
using KubeSharp.Client.Cache;
using KubeSharp.Controllers.GarbageCollector;
using KubeSharp.Controllers.Namespace;
using Microsoft.Extensions.Logging;

namespace KubeSharp.Controllers;

/// <summary>
/// The controller manager: one shared informer factory over the API, and every controller running
/// against it until cancelled.
/// </summary>
public sealed class ControllerManager : IAsyncDisposable
{
    readonly CancellationTokenSource _stop = new();
    readonly List<Task> _running = [];

    public SharedInformerFactory Informers { get; }

    ControllerManager(SharedInformerFactory informers) => Informers = informers;

    public static async Task<ControllerManager> StartAsync(IApiClient api, ResourceRegistry resources, ILoggerFactory logs, TimeProvider time, CancellationToken ct)
    {
        var informers = new SharedInformerFactory(api, time, null, logs);
        var manager = new ControllerManager(informers);
        var token = CancellationTokenSource.CreateLinkedTokenSource(ct, manager._stop.Token).Token;
        var namespaces = new NamespaceController(api, informers, resources, time, logs.CreateLogger<NamespaceController>());
        var gc = new GarbageCollector.GarbageCollector(api, informers, resources, time, logs.CreateLogger<GarbageCollector.GarbageCollector>());
        informers.Start(token);
        await informers.WaitForCacheSyncAsync(token);
        manager._running.Add(Task.Run(() => namespaces.RunAsync(token), token));
        manager._running.Add(Task.Run(() => gc.RunAsync(token), token));
        return manager;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_running).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await Informers.DisposeAsync();
        _stop.Dispose();
    }
}
