using KubeSharp.Api.Resources;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace KubeSharp.Client.Cache;

/// <summary>
/// One cluster-wide informer per resource, shared by every controller of a process so that each
/// resource is listed and watched once.
/// </summary>
public sealed class SharedInformerFactory(IApiClient api, TimeProvider time, TimeSpan? defaultResync = null, ILoggerFactory? loggers = null) : IAsyncDisposable
{
    readonly Lock _lock = new();
    readonly Dictionary<GroupVersionResource, Informer> _informers = [];
    readonly Dictionary<GroupVersionResource, Task> _running = [];
    readonly CancellationTokenSource _stop = new();

    /// <summary>The shared informer of <paramref name="resource"/>, created on first use; runs after the next <see cref="Start"/>.</summary>
    public Informer InformerFor(GroupVersionResource resource)
    {
        lock (_lock)
        {
            if (!_informers.TryGetValue(resource, out var informer))
            {
                var logger = (ILogger?)loggers?.CreateLogger($"KubeSharp.Client.Informer[{resource}]") ?? NullLogger.Instance;
                informer = new Informer(api, resource, time, new InformerOptions { ResyncPeriod = defaultResync }, logger);
                _informers[resource] = informer;
            }
            return informer;
        }
    }

    /// <summary>Starts every informer not yet running; they stop when <paramref name="ct"/> is cancelled or the factory is disposed.</summary>
    public void Start(CancellationToken ct)
    {
        lock (_lock)
        {
            foreach (var (gvr, informer) in _informers)
            {
                if (_running.ContainsKey(gvr)) continue;
                var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, _stop.Token);
                _running[gvr] = Task.Run(async () =>
                {
                    try { await informer.RunAsync(linked.Token); }
                    finally { linked.Dispose(); }
                }, CancellationToken.None);
            }
        }
    }

    /// <summary>Completes when every started informer has synced.</summary>
    public Task WaitForCacheSyncAsync(CancellationToken ct = default)
    {
        Informer[] started;
        lock (_lock) started = [.. _running.Keys.Select(k => _informers[k])];
        return Task.WhenAll(started.Select(i => i.WaitForSyncAsync(ct)));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        Task[] running;
        lock (_lock) running = [.. _running.Values];
        await Task.WhenAll(running).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }
}
