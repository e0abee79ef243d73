using System.Text.Json.Nodes;
using KubeSharp.Api.Errors;
using KubeSharp.Api.Model;
using KubeSharp.Api.Model.Batch;
using KubeSharp.Api.Model.Core;
using KubeSharp.Api.Resources;
using KubeSharp.Client;
using KubeSharp.Client.Cache;
using KubeSharp.Client.Events;
using KubeSharp.Client.Queue;
using KubeSharp.Controllers.CronJob.Cron;
using KubeSharp.Controllers.Job;
using Microsoft.Extensions.Logging;
using BatchJob = KubeSharp.Api.Model.Batch.Job;
using CronJobModel = KubeSharp.Api.Model.Batch.CronJob;

namespace KubeSharp.Controllers.CronJob;

/// <summary>
/// Upstream's cron job controller (v2): starts a Job at each scheduled time (five-field cron or @ macros,
/// in spec.timeZone), honouring suspend, startingDeadlineSeconds, the concurrency policy and the history
/// limits, and keeps status.active, lastScheduleTime and lastSuccessfulTime. It wakes itself for the next
/// run with the clock it is given, so tests drive it with a fake clock.
/// </summary>
public sealed class CronJobController : IController
{
    const string OwnerIndex = "cronjob-controller/owner-uid";
    const string Component = "cronjob-controller";

    readonly IApiClient _api;
    readonly TimeProvider _time;
    readonly ILogger _log;
    readonly EventRecorder? _recorder;
    readonly Informer _cronJobs;
    readonly Informer _jobs;
    readonly WorkQueue<NamespacedName> _queue;
    readonly Controller<NamespacedName> _controller;

    public CronJobController(ControllerContext ctx)
        : this(ctx.Api, ctx.Informers, ctx.Time, ctx.Logs.CreateLogger<CronJobController>(), ctx.Recorder(Component)) { }

    public CronJobController(IApiClient api, SharedInformerFactory informers, TimeProvider time, ILogger log, EventRecorder? recorder = null)
    {
        _api = api;
        _time = time;
        _log = log;
        _recorder = recorder;
        _cronJobs = informers.InformerFor(BatchNames.CronJobs);
        _jobs = informers.InformerFor(BatchNames.Jobs);
        _jobs.AddIndexer(OwnerIndex, job => Job.JobController.ControllerOf(job) is { Kind: "CronJob" } owner ? owner.Uid : null);
        _queue = new WorkQueue<NamespacedName>(time);
        _controller = new Controller<NamespacedName>("cronjob", _queue, SyncAsync, log);
        _cronJobs.AddEventHandler(onAdd: cj => _queue.Add(JsonMeta.Key(cj)), onUpdate: (_, cj) => _queue.Add(JsonMeta.Key(cj)));
        _jobs.AddEventHandler(onAdd: EnqueueOwner, onUpdate: (_, job) => EnqueueOwner(job), onDelete: EnqueueOwner);
    }

    public string Name => "cronjob";

    public Task RunAsync(CancellationToken ct) => _controller.RunAsync(2, ct);

    void EnqueueOwner(JsonObject job)
    {
        if (Job.JobController.ControllerOf(job) is { Kind: "CronJob" } owner)
            _queue.Add(new NamespacedName(JsonMeta.Namespace(job) ?? "", owner.Name));
    }

    /// <summary>Reconciles one cron job at the provider's current time; safe to call directly.</summary>
    public async Task SyncAsync(NamespacedName key, CancellationToken ct)
    {
        if (_cronJobs.Lister.Get(key) is not { } obj) return;
        var cj = KubeJson.Deserialize<CronJobModel>(obj)!;
        var jobObjects = _jobs.ByIndex(OwnerIndex, cj.Metadata.Uid ?? "").Where(j => JsonMeta.Namespace(j) == key.Namespace).ToList();
        var jobs = jobObjects.Select(j => KubeJson.Deserialize<BatchJob>(j)!).ToList();
        var status = new CronJobStatusDraft(cj.Status);
        var now = _time.GetUtcNow();

        var requeueAfter = await SyncCronJobAsync(obj, cj, jobs, status, now, ct);
        if (CleanupFinishedJobs(cj, jobs, status, ct) is { } cleanup) await cleanup;
        if (status.Changed)
        {
            var updated = (JsonObject)obj.DeepClone();
            updated["status"] = KubeJson.ToObject(status.ToStatus());
            try { await _api.UpdateAsync(BatchNames.CronJobs, key.Namespace, updated, "status", null, ct); }
            catch (StatusError e) when (e.Code == 404) { return; }
        }
        if (requeueAfter is { } after) _queue.AddAfter(key, after);
    }

    async Task<TimeSpan?> SyncCronJobAsync(JsonObject obj, CronJobModel cj, List<BatchJob> jobs, CronJobStatusDraft status, DateTimeOffset now, CancellationToken ct)
    {
        var children = new HashSet<string>(StringComparer.Ordinal);
        foreach (var job in jobs)
        {
            children.Add(job.Metadata.Uid ?? "");
            var listed = status.IsActive(job.Metadata.Uid);
            var finished = JobConditions.Finished(job);
            if (!listed && finished is null)
                // Ours but not listed: created just before a crash, or by hand (kubectl create job --from).
                Event(cj, EventTypes.Warning, "UnexpectedJob", $"Saw a job that the controller did not create or forgot: {job.Metadata.Name}");
            else if (listed && finished is not null)
            {
                status.RemoveActive(job.Metadata.Uid);
                Event(cj, EventTypes.Normal, "SawCompletedJob", $"Saw completed job: {job.Metadata.Name}, condition: {finished.Type}");
            }
            if (finished?.Type == JobConditions.Complete && job.Status?.CompletionTime is { } done
                && (status.LastSuccessfulTime is null || done > status.LastSuccessfulTime))
                status.LastSuccessfulTime = done;
        }
        // Listed jobs the cache does not know: ask the server before forgetting them.
        foreach (var reference in status.Active.Where(r => !children.Contains(r.UID ?? "")).ToList())
        {
            try { await _api.GetAsync(BatchNames.Jobs, reference.Namespace, reference.Name ?? "", null, ct); }
            catch (StatusError e) when (e.Code == 404)
            {
                Event(cj, EventTypes.Normal, "MissingJob", $"Active job went missing: {reference.Name}");
                status.RemoveActive(reference.UID);
            }
        }

        if (cj.Metadata.DeletionTimestamp is not null) return null;
        var zone = _time.LocalTimeZone;
        if (cj.Spec?.TimeZone is { } tz)
        {
            try { zone = TimeZoneInfo.FindSystemTimeZoneById(tz); }
            catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
            {
                Event(cj, EventTypes.Warning, "UnknownTimeZone", $"invalid timeZone: \"{tz}\": unknown time zone {tz}");
                return null;
            }
        }
        if (cj.Spec?.Suspend == true) return null;

        var spec = cj.Spec?.Schedule ?? "";
        if (!CronSchedule.TryParse(spec, zone, out var schedule, out var parseError))
        {
            Event(cj, EventTypes.Warning, "UnparseableSchedule", $"unparseable schedule: \"{spec}\" : {parseError}");
            return null;
        }

        DueRun due;
        try { due = ScheduleTimes.MostRecent(cj, now, schedule!, withDeadline: true); }
        catch (CronFormatException e)
        {
            Event(cj, EventTypes.Warning, "InvalidSchedule", $"invalid schedule: {spec} : {e.Message}");
            return null;
        }
        var untilNext = ScheduleTimes.UntilNext(cj, now, schedule!);
        if (due.MostRecent is not { } scheduled) return untilNext;
        if (due.Missed == MissedSchedules.Many)
        {
            // As the documentation states: with more than 100 missed runs the controller starts none.
            Event(cj, EventTypes.Warning, "TooManyMissedTimes", "too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew");
            _log.LogInformation("cron job {Namespace}/{Name} missed {Count} start times", cj.Metadata.Namespace, cj.Metadata.Name, due.MissedCount);
            return untilNext;
        }
        if (cj.Spec?.StartingDeadlineSeconds is { } deadline && scheduled + TimeSpan.FromSeconds(deadline) < now)
        {
            Event(cj, EventTypes.Warning, "MissSchedule", $"Missed scheduled time to start a job: {scheduled.UtcDateTime:ddd, dd MMM yyyy HH:mm:ss} +0000");
            return untilNext;
        }
        var jobName = CronJobJobFactory.JobName(cj.Metadata.Name ?? "", scheduled);
        if (status.Active.Any(r => r.Name == jobName) || status.LastScheduleTime == scheduled) return untilNext;

        var policy = cj.Spec?.ConcurrencyPolicy ?? "Allow";
        if (policy == "Forbid" && status.Active.Count > 0)
        {
            Event(cj, EventTypes.Normal, "JobAlreadyActive", "Not starting job because prior execution is running and concurrency policy is Forbid");
            return untilNext;
        }
        if (policy == "Replace")
            foreach (var reference in status.Active.ToList())
            {
                JsonObject running;
                try { running = await _api.GetAsync(BatchNames.Jobs, reference.Namespace, reference.Name ?? "", null, ct); }
                catch (StatusError e) when (e.Code == 404)
                {
                    status.RemoveActive(reference.UID);
                    continue;
                }
                catch (StatusError e)
                {
                    Event(cj, EventTypes.Warning, "FailedGet", $"Get job: {e.Message}");
                    throw;
                }
                await DeleteJobAsync(cj, KubeJson.Deserialize<BatchJob>(running)!, status, ct);
            }

        var request = CronJobJobFactory.Build(obj, scheduled, ZoneForAnnotation(cj, zone));
        JsonObject created;
        try
        {
            created = await _api.CreateAsync(BatchNames.Jobs, cj.Metadata.Namespace, request, null, null, ct);
            Event(cj, EventTypes.Normal, "SuccessfulCreate", $"Created job {JsonMeta.Name(created)}");
        }
        catch (StatusError e) when (e.Code == 409)
        {
            // Created by an earlier attempt (or by someone else): adopt it into the status only if it is ours.
            created = await _api.GetAsync(BatchNames.Jobs, cj.Metadata.Namespace, jobName, null, ct);
            if (Job.JobController.ControllerOf(created)?.Uid != cj.Metadata.Uid || status.IsActive(JsonMeta.Uid(created))) return untilNext;
        }
        catch (StatusError e)
        {
            Event(cj, EventTypes.Warning, "FailedCreate", $"Error creating job: {e.Message}");
            throw;
        }
        status.AddActive(new ObjectReference
        {
            Kind = "Job",
            Namespace = JsonMeta.Namespace(created),
            Name = JsonMeta.Name(created),
            UID = JsonMeta.Uid(created),
            APIVersion = "batch/v1",
            ResourceVersion = JsonMeta.ResourceVersion(created),
        });
        status.LastScheduleTime = scheduled;
        return untilNext;
    }

    /// <summary>The scheduled-time annotation is written in spec.timeZone, or UTC when none is set.</summary>
    static TimeZoneInfo ZoneForAnnotation(CronJobModel cj, TimeZoneInfo zone) => cj.Spec?.TimeZone is null ? TimeZoneInfo.Utc : zone;

    /// <summary>Deletes the oldest finished jobs beyond the history limits; null when there is nothing to do.</summary>
    Task? CleanupFinishedJobs(CronJobModel cj, List<BatchJob> jobs, CronJobStatusDraft status, CancellationToken ct)
    {
        if (cj.Spec?.SuccessfulJobsHistoryLimit is null && cj.Spec?.FailedJobsHistoryLimit is null) return null;
        var doomed = new List<BatchJob>();
        foreach (var (type, limit) in new[] { (JobConditions.Complete, cj.Spec.SuccessfulJobsHistoryLimit), (JobConditions.Failed, cj.Spec.FailedJobsHistoryLimit) })
        {
            if (limit is not { } keep) continue;
            var finished = jobs.Where(j => JobConditions.Finished(j)?.Type == type)
                .OrderBy(j => j.Status?.StartTime ?? DateTimeOffset.MinValue).ThenBy(j => j.Metadata.Name, StringComparer.Ordinal).ToList();
            doomed.AddRange(finished.Take(Math.Max(0, finished.Count - keep)));
        }
        if (doomed.Count == 0) return null;
        return DeleteAllAsync();

        async Task DeleteAllAsync()
        {
            foreach (var job in doomed) await DeleteJobAsync(cj, job, status, ct);
        }
    }

    async Task DeleteJobAsync(CronJobModel cj, BatchJob job, CronJobStatusDraft status, CancellationToken ct)
    {
        try
        {
            await _api.DeleteAsync(BatchNames.Jobs, job.Metadata.Namespace, job.Metadata.Name ?? "", new Client.DeleteOptions { PropagationPolicy = "Background" }, ct);
        }
        catch (StatusError e) when (e.Code == 404) { }
        catch (StatusError e)
        {
            Event(cj, EventTypes.Warning, "FailedDelete", $"Deleted job: {e.Message}");
            throw;
        }
        status.RemoveActive(job.Metadata.Uid);
        Event(cj, EventTypes.Normal, "SuccessfulDelete", $"Deleted job {job.Metadata.Name}");
    }

    void Event(CronJobModel cj, string type, string reason, string message) => _recorder?.Event(cj, type, reason, message);
}
