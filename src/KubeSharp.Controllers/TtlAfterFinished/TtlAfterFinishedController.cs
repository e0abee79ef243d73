using System.Text.Json.Nodes;
using KubeSharp.Api.Errors;
using KubeSharp.Api.Model;
using KubeSharp.Api.Resources;
using KubeSharp.Client;
using KubeSharp.Client.Cache;
using KubeSharp.Client.Queue;
using KubeSharp.Controllers.Job;
using Microsoft.Extensions.Logging;
using BatchJob = KubeSharp.Api.Model.Batch.Job;

namespace KubeSharp.Controllers.TtlAfterFinished;

/// <summary>
/// Upstream's TTL-after-finished controller: deletes a finished Job (and, through the garbage collector,
/// its pods) once spec.ttlSecondsAfterFinished have passed since it completed or failed.
/// </summary>
public sealed class TtlAfterFinishedController : IController
{
    readonly IApiClient _api;
    readonly TimeProvider _time;
    readonly Informer _jobs;
    readonly WorkQueue<NamespacedName> _queue;
    readonly Controller<NamespacedName> _controller;

    public TtlAfterFinishedController(ControllerContext ctx)
        : this(ctx.Api, ctx.Informers, ctx.Time, ctx.Logs.CreateLogger<TtlAfterFinishedController>()) { }

    public TtlAfterFinishedController(IApiClient api, SharedInformerFactory informers, TimeProvider time, ILogger log)
    {
        _api = api;
        _time = time;
        _jobs = informers.InformerFor(BatchNames.Jobs);
        _queue = new WorkQueue<NamespacedName>(time);
        _controller = new Controller<NamespacedName>("ttl-after-finished", _queue, SyncAsync, log);
        _jobs.AddEventHandler(onAdd: Enqueue, onUpdate: (_, job) => Enqueue(job));
    }

    public string Name => "ttl-after-finished";

    public Task RunAsync(CancellationToken ct) => _controller.RunAsync(1, ct);

    void Enqueue(JsonObject obj)
    {
        if (obj["metadata"]?["deletionTimestamp"] is null && NeedsCleanup(KubeJson.Deserialize<BatchJob>(obj))) _queue.Add(JsonMeta.Key(obj));
    }

    static bool NeedsCleanup(BatchJob? job) => job?.Spec?.TtlSecondsAfterFinished is not null && JobConditions.IsFinished(job);

    /// <summary>When the job expires, or null when it has no TTL or has not finished.</summary>
    public static DateTimeOffset? ExpiresAt(BatchJob job)
    {
        if (!NeedsCleanup(job)) return null;
        var finishedAt = JobConditions.Finished(job)?.LastTransitionTime ?? job.Status?.CompletionTime;
        return finishedAt is { } at ? at + TimeSpan.FromSeconds(job.Spec!.TtlSecondsAfterFinished!.Value) : null;
    }

    public async Task SyncAsync(NamespacedName key, CancellationToken ct)
    {
        if (_jobs.Lister.Get(key) is not { } cached || cached["metadata"]?["deletionTimestamp"] is not null) return;
        if (!Expired(KubeJson.Deserialize<BatchJob>(cached)!, key)) return;

        // The TTL may have been changed since the cache saw the job: decide on a fresh read.
        JsonObject fresh;
        try { fresh = await _api.GetAsync(BatchNames.Jobs, key.Namespace, key.Name, null, ct); }
        catch (StatusError e) when (e.Code == 404) { return; }
        if (fresh["metadata"]?["deletionTimestamp"] is not null || !Expired(KubeJson.Deserialize<BatchJob>(fresh)!, key)) return;

        // Foreground, as upstream: the job stays visible (deleting) until its pods are gone.
        try
        {
            await _api.DeleteAsync(BatchNames.Jobs, key.Namespace, key.Name,
                new Client.DeleteOptions { PropagationPolicy = "Foreground", PreconditionUid = JsonMeta.Uid(fresh) }, ct);
        }
        catch (StatusError e) when (e.Code is 404 or 409) { }
    }

    bool Expired(BatchJob job, NamespacedName key)
    {
        if (ExpiresAt(job) is not { } at) return false;
        var left = at - _time.GetUtcNow();
        if (left <= TimeSpan.Zero) return true;
        _queue.AddAfter(key, left);
        return false;
    }
}
