using KubeSharp.Client.Events;
using KubeSharp.Client.Cache;
using KubeSharp.Client;
using KubeSharp.Client.Queue;
using Microsoft.Extensions.Logging;

namespace KubeSharp.Controllers.ReplicaSet;

/// <summary>Keeps core/v1 ReplicationControllers at their replica count (upstream's "replicationcontroller" controller), with the ReplicaSet logic.</summary>
public sealed class ReplicationControllerController : IController
{
    readonly ReplicaManager _manager;

    public ReplicationControllerController(ControllerContext ctx)
        : this(ctx.Api, ctx.Informers, ctx.Time, ctx.Recorder(ReplicaKind.ReplicationController.EventSource), ctx.Logs.CreateLogger<ReplicationControllerController>(),
            ctx.QueueMetricsFor(ReplicaKind.ReplicationController.ControllerName)) { }

    public ReplicationControllerController(IApiClient api, SharedInformerFactory informers, TimeProvider time, EventRecorder recorder, ILogger log, WorkQueueMetrics? queueMetrics = null) =>
        _manager = new ReplicaManager(ReplicaKind.ReplicationController, api, informers, time, recorder, log, queueMetrics);

    public string Name => ReplicaKind.ReplicationController.ControllerName;

    public ReplicaManager Manager => _manager;

    public Task RunAsync(CancellationToken ct) => _manager.RunAsync(5, ct);
}
