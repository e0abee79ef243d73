using KubeSharp.Client.Events;
using KubeSharp.Client.Cache;
using KubeSharp.Client;
using KubeSharp.Client.Queue;
using Microsoft.Extensions.Logging;

namespace KubeSharp.Controllers.ReplicaSet;

/// <summary>Keeps apps/v1 ReplicaSets at their replica count (upstream's "replicaset" controller).</summary>
public sealed class ReplicaSetController : IController
{
    readonly ReplicaManager _manager;

    public ReplicaSetController(ControllerContext ctx)
        : this(ctx.Api, ctx.Informers, ctx.Time, ctx.Recorder(ReplicaKind.ReplicaSet.EventSource), ctx.Logs.CreateLogger<ReplicaSetController>(),
            ctx.QueueMetricsFor(ReplicaKind.ReplicaSet.ControllerName)) { }

    public ReplicaSetController(IApiClient api, SharedInformerFactory informers, TimeProvider time, EventRecorder recorder, ILogger log, WorkQueueMetrics? queueMetrics = null) =>
        _manager = new ReplicaManager(ReplicaKind.ReplicaSet, api, informers, time, recorder, log, queueMetrics);

    public string Name => ReplicaKind.ReplicaSet.ControllerName;

    public ReplicaManager Manager => _manager;

    public Task RunAsync(CancellationToken ct) => _manager.RunAsync(5, ct);
}
