using KubeSharp.Api.Resources;
using KubeSharp.Client;
using KubeSharp.Client.Cache;
using KubeSharp.Client.Events;
using KubeSharp.Client.Queue;
using Microsoft.Extensions.Logging;

namespace KubeSharp.Controllers;

/// <summary>What every controller is built from: the API, the shared informers, the clock, logging and events.</summary>
public sealed class ControllerContext
{
    public required IApiClient Api { get; init; }
    public required SharedInformerFactory Informers { get; init; }
    public required ResourceRegistry Resources { get; init; }
    public required ILoggerFactory Logs { get; init; }
    public required TimeProvider Time { get; init; }
    /// <summary>Where controllers' work queues report depth and latency (served on the API server's /metrics); none when null.</summary>
    public WorkQueueMetricsRegistry? QueueMetrics { get; init; }

    /// <summary>The metrics of the work queue called <paramref name="name"/>, or null when nothing collects them.</summary>
    public WorkQueueMetrics? QueueMetricsFor(string name) => QueueMetrics?.For(name);

    readonly Dictionary<string, EventRecorder> _recorders = new(StringComparer.Ordinal);
    readonly Lock _gate = new();

    /// <summary>An event recorder for one component (e.g. "deployment-controller"), shared by its workers.</summary>
    public EventRecorder Recorder(string component)
    {
        lock (_gate)
        {
            if (!_recorders.TryGetValue(component, out var r))
                _recorders[component] = r = new EventRecorder(Api, new EventSource(component), Time, Logs.CreateLogger(component));
            return r;
        }
    }

    internal async ValueTask DisposeRecordersAsync()
    {
        EventRecorder[] all;
        lock (_gate) all = [.. _recorders.Values];
        foreach (var r in all) await r.DisposeAsync();
    }
}

/// <summary>
/// A controller the manager runs. Implementations live in their own folder, take a
/// <see cref="ControllerContext"/> in their constructor, and are found and started by the manager.
/// </summary>
public interface IController
{
    /// <summary>The controller's name, as upstream's controller manager names it ("deployment", "replicaset", …).</summary>
    string Name { get; }

    /// <summary>Works until cancelled; informers it asked for are started by the manager before this is called.</summary>
    Task RunAsync(CancellationToken ct);
}
