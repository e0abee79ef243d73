using System.Text.Json.Nodes;
using KubeSharp.Api.Errors;
using KubeSharp.Api.Model;
using KubeSharp.Api.Resources;
using KubeSharp.Client;
using KubeSharp.Client.Cache;
using KubeSharp.Client.Events;
using KubeSharp.Client.Queue;
using KubeSharp.Controllers.History;
using KubeSharp.Controllers.ReplicaSet;
using Microsoft.Extensions.Logging;

namespace KubeSharp.Controllers.Disruption;

/// <summary>
/// Upstream's disruption controller: keeps each PodDisruptionBudget's status (currentHealthy,
/// desiredHealthy, expectedPods, disruptionsAllowed, pending evictions, DisruptionAllowed condition)
/// current, which is what the eviction subresource and `kubectl drain` rely on.
/// </summary>
public sealed class DisruptionController : IController
{
    public static readonly GroupVersionResource Budgets = new("policy", "v1", "poddisruptionbudgets");
    const string FieldManager = "kube-controller-manager";

    readonly IApiClient _api;
    readonly TimeProvider _time;
    readonly EventRecorder _recorder;
    readonly Informer _budgets;
    readonly Informer _pods;
    readonly ExpectedScale _scale;
    readonly WorkQueue<NamespacedName> _queue;
    readonly Controller<NamespacedName> _controller;

    public DisruptionController(ControllerContext ctx)
        : this(ctx.Api, ctx.Informers, ctx.Resources, ctx.Time, ctx.Recorder("controllermanager"), ctx.Logs.CreateLogger<DisruptionController>()) { }

    public DisruptionController(IApiClient api, SharedInformerFactory informers, ResourceRegistry? resources, TimeProvider time, EventRecorder recorder, ILogger log)
    {
        _api = api;
        _time = time;
        _recorder = recorder;
        _budgets = informers.InformerFor(Budgets);
        _pods = informers.InformerFor(PodControl.Pods);
        _scale = new ExpectedScale(api, resources,
            informers.InformerFor(new GroupVersionResource("apps", "v1", "replicasets")),
            informers.InformerFor(new GroupVersionResource("apps", "v1", "deployments")),
            informers.InformerFor(new GroupVersionResource("", "v1", "replicationcontrollers")),
            informers.InformerFor(new GroupVersionResource("apps", "v1", "statefulsets")));
        _queue = new WorkQueue<NamespacedName>(time);
        _controller = new Controller<NamespacedName>("disruption", _queue, ReconcileAsync, log);
        _budgets.AddEventHandler(onAdd: b => _queue.Add(JsonMeta.Key(b)), onUpdate: (_, b) => _queue.Add(JsonMeta.Key(b)));
        _pods.AddEventHandler(
            onAdd: EnqueueBudgetsOf,
            onUpdate: (old, cur) =>
            {
                if (JsonMeta.ResourceVersion(old) == JsonMeta.ResourceVersion(cur)) return;
                EnqueueBudgetsOf(cur);
                if (!JsonNode.DeepEquals(old["metadata"]?["labels"], cur["metadata"]?["labels"])) EnqueueBudgetsOf(old);
            },
            onDelete: EnqueueBudgetsOf);
    }

    public string Name => "disruption";

    public WorkQueue<NamespacedName> Queue => _queue;

    public Task RunAsync(CancellationToken ct) => _controller.RunAsync(2, ct);

    void EnqueueBudgetsOf(JsonObject pod)
    {
        var labels = JsonMeta.Labels(pod);
        foreach (var pdb in _budgets.Lister.List(JsonMeta.Namespace(pod) ?? ""))
            if (WorkloadSelector.Of(pdb).Matches(labels)) _queue.Add(JsonMeta.Key(pdb));
    }

    public async Task ReconcileAsync(NamespacedName key, CancellationToken ct)
    {
        var pdb = _budgets.Lister.Get(key);
        if (pdb is null) return;
        var involved = ObjectFields.Involved(pdb, "policy/v1", "PodDisruptionBudget");
        var selector = WorkloadSelector.Of(pdb);
        var pods = _pods.Lister.List(key.Namespace, selector.IsNothing ? null : selector);
        if (selector.IsNothing) pods = [];
        if (pods.Count == 0) _recorder.Event(involved, EventTypes.Normal, "NoPods", "No matching pods found");

        var now = _time.GetUtcNow();
        int expected, desired;
        try
        {
            (expected, desired) = await ExpectedAndDesiredAsync(pdb, pods, involved, ct);
        }
        catch (InvalidOperationException e)
        {
            _recorder.Event(involved, EventTypes.Warning, "CalculateExpectedPodCountFailed", $"Failed to calculate the number of expected pods: {e.Message}");
            await WriteAsync(BudgetStatus.FailSafe(pdb, e.Message, now), ct);
            return;
        }
        var (disrupted, recheck, overdue) = BudgetStatus.PendingDisruptions(pdb, pods, now);
        foreach (var name in overdue)
            _recorder.Event(new InvolvedObject("Pod", name) { Namespace = key.Namespace, ApiVersion = "v1" }, EventTypes.Warning, "NotDeleted",
                $"Pod was expected by PDB {key.Namespace}/{key.Name} to be deleted but it wasn't");
        var status = new BudgetStatus(BudgetStatus.CountHealthy(pods, disrupted, now), desired, expected, disrupted);
        if (status.ApplyTo(pdb, now) is { } updated) await WriteAsync(updated, ct);
        if (recheck is { } at) _queue.AddAfter(key, at - now + TimeSpan.FromMilliseconds(100));
    }

    /// <summary>
    /// Upstream's getExpectedPodCount: an integer minAvailable counts the pods themselves; maxUnavailable and
    /// percentages count what the pods' controllers want (percentages rounded up).
    /// </summary>
    async Task<(int Expected, int Desired)> ExpectedAndDesiredAsync(JsonObject pdb, IReadOnlyList<JsonObject> pods, InvolvedObject involved, CancellationToken ct)
    {
        var spec = pdb["spec"];
        var maxUnavailable = KubeJson.Deserialize<IntOrString?>(spec?["maxUnavailable"]);
        var minAvailable = KubeJson.Deserialize<IntOrString?>(spec?["minAvailable"]);
        if (maxUnavailable is { } mu)
        {
            var expected = await ControllerScaleAsync(pods, involved, ct);
            return (expected, Math.Max(0, expected - Scaled(mu, expected)));
        }
        if (minAvailable is { IsInt: true } ma) return (pods.Count, ma.IntValue!.Value);
        if (minAvailable is { } percent)
        {
            var expected = await ControllerScaleAsync(pods, involved, ct);
            return (expected, Scaled(percent, expected));
        }
        return (0, 0);
    }

    static int Scaled(IntOrString value, int total)
    {
        if (!value.IsInt && value.StringValue is { } s && !s.EndsWith('%')) throw new InvalidOperationException($"invalid value for IntOrString: invalid type: string is not a percentage");
        return value.Scaled(total, roundUp: true);
    }

    async Task<int> ControllerScaleAsync(IReadOnlyList<JsonObject> pods, InvolvedObject involved, CancellationToken ct)
    {
        var result = await _scale.ComputeAsync(pods, ct);
        if (result.UnmanagedPods.Count > 0)
            _recorder.Event(involved, EventTypes.Warning, "UnmanagedPods",
                "Pods selected by this PodDisruptionBudget were found to be unmanaged. As a result, the status of the PDB cannot be calculated correctly, which may result in undefined behavior. To account for these pods please set \".spec.minAvailable\" field of the PDB to an integer value.");
        return result.Expected;
    }

    async Task WriteAsync(JsonObject updated, CancellationToken ct)
    {
        try
        {
            await _api.UpdateAsync(Budgets, JsonMeta.Namespace(updated), updated, "status", new WriteOptions { FieldManager = FieldManager }, ct);
        }
        // An eviction changed the budget meanwhile; its watch event brings it back here.
        catch (StatusError e) when (e.Code is 404 or 409) { }
    }
}
