using System.Reflection;
using KubeSharp.Api.Resources;
using KubeSharp.Client;
using KubeSharp.Client.Cache;
using KubeSharp.Client.Queue;
using Microsoft.Extensions.Logging;

namespace KubeSharp.Controllers;

/// <summary>
/// The controller manager: one shared informer factory over the API and every <see cref="IController"/>
/// of this assembly, each constructed from the <see cref="ControllerContext"/> and run until cancelled.
/// </summary>
public sealed class ControllerManager : IAsyncDisposable
{
    readonly CancellationTokenSource _stop = new();
    readonly List<Task> _running = [];
    readonly ControllerContext _context;

    public SharedInformerFactory Informers => _context.Informers;
    public IReadOnlyList<IController> Controllers { get; }

    ControllerManager(ControllerContext context, IReadOnlyList<IController> controllers)
    {
        _context = context;
        Controllers = controllers;
    }

    /// <summary>Every controller type in this assembly, in name order so start-up is deterministic.</summary>
    public static IReadOnlyList<Type> ControllerTypes { get; } = typeof(ControllerManager).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IController).IsAssignableFrom(t)
            && t.GetConstructor([typeof(ControllerContext)]) is not null)
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .ToList();

    public static async Task<ControllerManager> StartAsync(IApiClient api, ResourceRegistry resources, ILoggerFactory logs, TimeProvider time, CancellationToken ct,
        WorkQueueMetricsRegistry? queueMetrics = null)
    {
        var context = new ControllerContext
        {
            Api = api,
            Informers = new SharedInformerFactory(api, time, null, logs),
            Resources = resources,
            Logs = logs,
            Time = time,
            QueueMetrics = queueMetrics,
        };
        var controllers = ControllerTypes.Select(t => (IController)Activator.CreateInstance(t, context)!).ToList();
        var manager = new ControllerManager(context, controllers);
        var token = CancellationTokenSource.CreateLinkedTokenSource(ct, manager._stop.Token).Token;
        context.Informers.Start(token);
        await context.Informers.WaitForCacheSyncAsync(token);
        var log = logs.CreateLogger<ControllerManager>();
        foreach (var c in controllers)
        {
            manager._running.Add(Task.Run(async () =>
            {
                try { await c.RunAsync(token); }
                catch (OperationCanceledException) when (token.IsCancellationRequested) { }
                catch (Exception e) { log.LogError(e, "controller {Name} stopped with an error", c.Name); }
            }, CancellationToken.None));
        }
        log.LogInformation("started {Count} controllers: {Names}", controllers.Count, string.Join(", ", controllers.Select(c => c.Name)));
        return manager;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_running).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _context.DisposeRecordersAsync();
        await _context.Informers.DisposeAsync();
        _stop.Dispose();
    }
}
