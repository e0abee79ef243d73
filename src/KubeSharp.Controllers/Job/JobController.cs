using System.Text.Json.Nodes;
using KubeSharp.Api.Model;
using KubeSharp.Api.Resources;
using KubeSharp.Client;
using KubeSharp.Client.Cache;
using KubeSharp.Client.Events;
using KubeSharp.Client.Queue;
using KubeSharp.Controllers.Expectations;
using Microsoft.Extensions.Logging;
using BatchJob = KubeSharp.Api.Model.Batch.Job;

namespace KubeSharp.Controllers.Job;

/// <summary>
/// Upstream's job controller: runs a Job's pods until enough succeed (fixed completions, work queue or
/// Indexed), retries failures with exponential back-off up to backoffLimit, honours suspend,
/// activeDeadlineSeconds and podFailurePolicy, and tracks finished pods with the
/// <c>batch.kubernetes.io/job-tracking</c> finalizer and status.uncountedTerminatedPods so that no pod is
/// counted twice or lost across restarts of the controller.
/// </summary>
public sealed partial class JobController : IController
{
    /// <summary>Pod changes are gathered this long before the job is synced, as upstream.</summary>
    public static readonly TimeSpan SyncBatchPeriod = TimeSpan.FromSeconds(1);

    const string OwnerIndex = "job-controller/owner-uid";
    const string Component = "job-controller";

    readonly IApiClient _api;
    readonly TimeProvider _time;
    readonly ILogger _log;
    readonly EventRecorder? _recorder;
    readonly Informer _jobs;
    readonly Informer _pods;
    readonly WorkQueue<NamespacedName> _queue;
    readonly Controller<NamespacedName> _controller;
    readonly ControllerExpectations _expectations;
    readonly FinalizerExpectations _finalizerExpectations = new();
    readonly PodBackoffStore _backoff = new();
    readonly HashSet<string> _deletionSeen = new(StringComparer.Ordinal);
    readonly Lock _gate = new();

    public JobController(ControllerContext ctx)
        : this(ctx.Api, ctx.Informers, ctx.Time, ctx.Logs.CreateLogger<JobController>(), ctx.Recorder(Component)) { }

    public JobController(IApiClient api, SharedInformerFactory informers, TimeProvider time, ILogger log, EventRecorder? recorder = null)
    {
        _api = api;
        _time = time;
        _log = log;
        _recorder = recorder;
        _expectations = new ControllerExpectations(time);
        _jobs = informers.InformerFor(BatchNames.Jobs);
        _pods = informers.InformerFor(BatchNames.Pods);
        _pods.AddIndexer(OwnerIndex, pod => ControllerOf(pod) is { } owner && owner.Kind == "Job" ? owner.Uid : null);
        _queue = new WorkQueue<NamespacedName>(time);
        _controller = new Controller<NamespacedName>("job", _queue, SyncAsync, log);
        _jobs.AddEventHandler(onAdd: EnqueueJob, onUpdate: (_, job) => EnqueueJob(job), onDelete: EnqueueJob);
        _pods.AddEventHandler(onAdd: OnPodAdded, onUpdate: OnPodUpdated, onDelete: OnPodDeleted);
    }

    public string Name => "job";

    public Task RunAsync(CancellationToken ct) => _controller.RunAsync(2, ct);

    void EnqueueJob(JsonObject job) => _queue.Add(JsonMeta.Key(job));

    void OnPodAdded(JsonObject pod)
    {
        if (JobKeyOf(pod) is { } key)
        {
            _expectations.CreationObserved(key);
            _queue.AddAfter(key, SyncBatchPeriod);
        }
        else EnqueueMatchingJobs(pod);
    }

    void OnPodUpdated(JsonObject old, JsonObject pod)
    {
        if (JsonMeta.ResourceVersion(old) == JsonMeta.ResourceVersion(pod)) return; // resync
        if (JobKeyOf(pod) is not { } key)
        {
            EnqueueMatchingJobs(pod);
            return;
        }
        var uid = JsonMeta.Uid(pod) ?? "";
        if (old["metadata"]?["deletionTimestamp"] is null && pod["metadata"]?["deletionTimestamp"] is not null)
        {
            lock (_gate) _deletionSeen.Add(uid);
            _expectations.DeletionObserved(key);
        }
        if (HasTrackingFinalizer(old) && !HasTrackingFinalizer(pod)) _finalizerExpectations.Observed(key, uid);
        // A pod that just failed is acted on at once; other changes are batched.
        var failedNow = pod["status"]?["phase"]?.GetValue<string>() == "Failed" && old["status"]?["phase"]?.GetValue<string>() != "Failed";
        if (failedNow) _queue.Add(key);
        else _queue.AddAfter(key, SyncBatchPeriod);
    }

    void OnPodDeleted(JsonObject pod)
    {
        if (JobKeyOf(pod) is not { } key) return;
        var uid = JsonMeta.Uid(pod) ?? "";
        bool seen;
        lock (_gate) seen = _deletionSeen.Remove(uid);
        if (!seen) _expectations.DeletionObserved(key);
        _finalizerExpectations.Observed(key, uid);
        _queue.AddAfter(key, SyncBatchPeriod);
    }

    /// <summary>The job that controls <paramref name="pod"/>, if it is one we know with that uid.</summary>
    NamespacedName? JobKeyOf(JsonObject pod)
    {
        if (ControllerOf(pod) is not { } owner || owner.Kind != "Job" || !owner.ApiVersion.StartsWith("batch/", StringComparison.Ordinal)) return null;
        var key = new NamespacedName(JsonMeta.Namespace(pod) ?? "", owner.Name);
        var job = _jobs.Lister.Get(key);
        return job is not null && JsonMeta.Uid(job) == owner.Uid ? key : null;
    }

    void EnqueueMatchingJobs(JsonObject pod)
    {
        if (ControllerOf(pod) is not null) return;
        var labels = JsonMeta.Labels(pod);
        foreach (var job in _jobs.Lister.List(JsonMeta.Namespace(pod) ?? ""))
            if (SelectorOf(job).Matches(labels)) _queue.AddAfter(JsonMeta.Key(job), SyncBatchPeriod);
    }

    internal static OwnerReference? ControllerOf(JsonObject obj) =>
        obj["metadata"]?["ownerReferences"] is JsonArray refs
            ? refs.OfType<JsonObject>().Select(r => KubeJson.Deserialize<OwnerReference>(r)).FirstOrDefault(r => r?.Controller == true)
            : null;

    static bool HasTrackingFinalizer(JsonObject pod) =>
        pod["metadata"]?["finalizers"] is JsonArray f && f.Any(x => x?.GetValue<string>() == BatchNames.JobTrackingFinalizer);

    static Api.Selectors.LabelSelector SelectorOf(JsonObject job)
    {
        try { return Api.Selectors.LabelSelector.FromModel(KubeJson.Deserialize<LabelSelector>(job["spec"]?["selector"])); }
        catch (Api.Selectors.SelectorParseException) { return Api.Selectors.LabelSelector.Nothing; }
    }

    void Event(BatchJob job, string type, string reason, string message) => _recorder?.Event(job, type, reason, message);
}
