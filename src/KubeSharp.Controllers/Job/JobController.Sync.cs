using System.Text.Json.Nodes;
using KubeSharp.Api.Errors;
using KubeSharp.Api.Model;
using KubeSharp.Api.Model.Core;
using KubeSharp.Api.Resources;
using KubeSharp.Client;
using KubeSharp.Client.Events;
using BatchJob = KubeSharp.Api.Model.Batch.Job;

namespace KubeSharp.Controllers.Job;

public sealed partial class JobController
{
    /// <summary>Brings one job one step closer to its spec; safe to call at any time, also directly from tests.</summary>
    public async Task SyncAsync(NamespacedName key, CancellationToken ct)
    {
        var obj = _jobs.Lister.Get(key);
        if (obj is null)
        {
            _expectations.Forget(key);
            _finalizerExpectations.Forget(key);
            _backoff.Remove(key);
            return;
        }
        var job = KubeJson.Deserialize<BatchJob>(obj) ?? throw new InvalidDataException($"job {key} is unreadable");
        if (job.Spec?.ManagedBy is { } manager && manager != BatchNames.JobControllerName) return;

        if (JobConditions.IsFinished(job))
        {
            _backoff.Remove(key);
            // Pods created just as the job finished may still carry the finalizer; nothing counts them any more.
            var leftovers = OwnedPods(job).Where(JobPods.HasTrackingFinalizer).ToList();
            if (leftovers.Count > 0) await RemoveTrackingFinalizersAsync(null, leftovers, ct);
            return;
        }
        if (job.Spec?.CompletionMode is { } mode && mode is not ("NonIndexed" or "Indexed"))
        {
            Event(job, EventTypes.Warning, "UnknownCompletionMode", "Skipped Job sync because completion mode is unknown");
            return;
        }

        // Expectations are read before the pods, so a pod arriving in between only defers the work.
        var satisfied = _expectations.Satisfied(key);
        var pods = await PodsForJobAsync(job, ct);
        var now = _time.GetUtcNow();
        var status = job.Status ?? new();
        var uncounted = status.UncountedTerminatedPods;
        var c = new JobSyncContext
        {
            Key = key,
            Object = obj,
            Job = job,
            Pods = pods,
            ActivePods = [.. pods.Where(JobPods.IsActive)],
            ExpectedRemovedFinalizers = _finalizerExpectations.Expected(key),
            UncountedSucceeded = new HashSet<string>(uncounted?.Succeeded ?? [], StringComparer.Ordinal),
            UncountedFailed = new HashSet<string>(uncounted?.Failed ?? [], StringComparer.Ordinal),
            StatusUncountedSucceeded = [.. uncounted?.Succeeded ?? []],
            StatusUncountedFailed = [.. uncounted?.Failed ?? []],
            Conditions = [.. status.Conditions ?? []],
            StartTime = status.StartTime,
            CompletionTime = status.CompletionTime,
            Succeeded = status.Succeeded ?? 0,
            Failed = status.Failed ?? 0,
            CompletedIndexes = status.CompletedIndexes,
            FailedIndexes = status.FailedIndexes,
            NewBackoff = new BackoffRecord(key, 0, null),
        };
        c.Ready = c.ActivePods.Count(JobPods.IsReady);
        c.Terminating = pods.Count(JobPods.IsTerminating);
        var active = c.ActivePods.Count;

        var newSucceeded = NewFinishedPods(c, c.UncountedSucceeded, p => p.Status?.Phase == "Succeeded");
        var newFailed = NewFinishedPods(c, c.UncountedFailed, p => JobPods.IsFailed(p, job));
        var newFailedCounted = newFailed.Count(p => PodFailurePolicyMatcher.Match(job.Spec?.PodFailurePolicy, p).CountFailed);
        c.SucceededTotal = c.Succeeded + newSucceeded.Count + c.UncountedSucceeded.Count;
        c.FailedTotal = c.Failed + newFailedCounted + c.UncountedFailed.Count;

        var suspended = job.Spec?.Suspend == true;
        var startTimeSet = false;
        if (c.StartTime is null && !suspended)
        {
            c.StartTime = now;
            startTimeSet = true;
        }
        c.NewBackoff = _backoff.Next(key, newSucceeded, newFailed, now);

        DecideFailure(c, now, suspended);
        if (c.IsIndexed)
        {
            c.PrevSucceededIndexes = IndexSet.Parse(c.CompletedIndexes, c.Completions);
            c.SucceededIndexes = c.PrevSucceededIndexes.With(pods
                .Where(p => p.Status?.Phase == "Succeeded" && JobPods.HasTrackingFinalizer(p))
                .Select(JobPods.CompletionIndex)
                .Where(i => i != JobPods.UnknownIndex && i < c.Completions));
            c.SucceededTotal = c.SucceededIndexes.Total;
            if (IndexFailures.HasBackoffLimitPerIndex(job))
            {
                c.FailedIndexSet = IndexFailures.Calculate(c);
                DecideIndexesFailure(c, now);
                c.PodsWithDelayedDeletion = IndexFailures.PodsWithDelayedDeletion(c, now);
            }
            if (c.FinishedCondition is null && SuccessPolicyMatcher.Match(job.Spec?.SuccessPolicy, c.Completions, c.SucceededIndexes) is { } matched)
                c.FinishedCondition = JobConditions.New(JobConditions.SuccessCriteriaMet, "True", JobConditions.SuccessPolicy, matched, now);
        }

        var suspendChanged = false;
        Exception? manageError = null;
        if (c.FinishedCondition is not null)
        {
            var (deletedReady, deleted, error) = await DeleteActivePodsAsync(job, c.ActivePods, ct);
            // Pods still to go, or pods the cache has not shown yet: the job cannot be declared finished now.
            if (deleted != active || !satisfied) c.FinishedCondition = null;
            active -= deleted;
            c.Terminating += deleted;
            c.Ready -= deletedReady;
            manageError = error;
        }
        else
        {
            var managed = false;
            if (satisfied && job.Metadata.DeletionTimestamp is null)
            {
                (active, manageError) = await ManageJobAsync(c, ct);
                managed = true;
            }
            var completions = job.Spec?.Completions;
            // Work-queue jobs (no completions) are done once any pod succeeded and the rest have stopped.
            var complete = completions is null ? c.SucceededTotal > 0 && active == 0 : c.SucceededTotal >= completions && active == 0;
            if (complete)
                c.FinishedCondition = JobConditions.New(JobConditions.SuccessCriteriaMet, "True", JobConditions.CompletionsReached, "Reached expected number of succeeded pods", now);
            else if (managed)
            {
                if (suspended)
                {
                    if (JobConditions.Ensure(c.Conditions, JobConditions.Suspended, "True", "JobSuspended", "Job suspended", now))
                    {
                        suspendChanged = true;
                        // The deadline clock stops while suspended (and a job never started may have its scheduling directives changed).
                        c.StartTime = null;
                        Event(job, EventTypes.Normal, "Suspended", "Job suspended");
                    }
                }
                else if (JobConditions.Ensure(c.Conditions, JobConditions.Suspended, "False", "JobResumed", "Job resumed", now))
                {
                    suspendChanged = true;
                    Event(job, EventTypes.Normal, "Resumed", "Job resumed");
                    // activeDeadlineSeconds counts continuous activity, so a resumed job starts its clock again.
                    c.StartTime = now;
                }
            }
        }

        var needsUpdate = suspendChanged || startTimeSet || active != (status.Active ?? 0) || c.Ready != status.Ready || c.Terminating != status.Terminating
            || status.UncountedTerminatedPods is null;
        c.Active = active;
        await TrackStatusAndRemoveFinalizersAsync(c, needsUpdate, ct);
        if (manageError is not null) throw manageError;
    }

    /// <summary>Sets the interim failure condition the job is heading for, or schedules the deadline check.</summary>
    void DecideFailure(JobSyncContext c, DateTimeOffset now, bool suspended)
    {
        var job = c.Job;
        var met = JobConditions.Find(c.Conditions, JobConditions.SuccessCriteriaMet);
        if (met?.Status == "True")
        {
            c.FinishedCondition = met;
            return;
        }
        if (JobConditions.Find(c.Conditions, JobConditions.FailureTarget) is { Status: "True" } target)
            c.FinishedCondition = JobConditions.New(JobConditions.Failed, "True", target.Reason ?? "", target.Message ?? "", now);
        else if (job.Spec?.PodFailurePolicy is { } policy
            && c.Pods.Where(p => JobPods.IsFailed(p, job)).Select(p => PodFailurePolicyMatcher.Match(policy, p).FailJobMessage).FirstOrDefault(m => m is not null) is { } message)
            c.FinishedCondition = JobConditions.New(JobConditions.FailureTarget, "True", JobConditions.PodFailurePolicy, message, now);
        if (c.FinishedCondition is not null) return;

        var backoffLimit = job.Spec?.BackoffLimit ?? 6;
        if (c.FailedTotal > backoffLimit || PastBackoffLimitOnFailure(job, c.Pods, backoffLimit))
            c.FinishedCondition = JobConditions.New(JobConditions.FailureTarget, "True", JobConditions.BackoffLimitExceeded, "Job has reached the specified backoff limit", now);
        else if (job.Spec?.ActiveDeadlineSeconds is { } deadline && c.StartTime is { } start && !suspended)
        {
            var left = TimeSpan.FromSeconds(deadline) - (now - start);
            if (left <= TimeSpan.Zero)
                c.FinishedCondition = JobConditions.New(JobConditions.FailureTarget, "True", JobConditions.DeadlineExceeded, "Job was active longer than specified deadline", now);
            else _queue.AddAfter(c.Key, left);
        }
    }

    /// <summary>With backoffLimitPerIndex: fail the job once too many indexes failed, or once every index has either succeeded or failed.</summary>
    static void DecideIndexesFailure(JobSyncContext c, DateTimeOffset now)
    {
        if (c.FinishedCondition is not null || c.FailedIndexSet is not { } failed) return;
        if (c.Job.Spec?.MaxFailedIndexes is { } max && failed.Total > max)
            c.FinishedCondition = JobConditions.New(JobConditions.FailureTarget, "True", JobConditions.MaxFailedIndexesExceeded,
                "Job has exceeded the specified maximal number of failed indexes", now);
        else if (failed.Total > 0 && failed.Total + c.SucceededIndexes.Total >= c.Completions)
            c.FinishedCondition = JobConditions.New(JobConditions.FailureTarget, "True", JobConditions.FailedIndexes, "Job has failed indexes", now);
    }

    /// <summary>With restartPolicy OnFailure failures are container restarts in place; they count toward backoffLimit.</summary>
    static bool PastBackoffLimitOnFailure(BatchJob job, IReadOnlyList<Pod> pods, int backoffLimit)
    {
        if (job.Spec?.Template?.Spec?.RestartPolicy != "OnFailure") return false;
        var restarts = pods.Sum(JobPods.Restarts);
        return backoffLimit == 0 ? restarts > 0 : restarts >= backoffLimit;
    }

    /// <summary>Finished pods not yet counted: they still carry the finalizer and are in neither uncounted list.</summary>
    static List<Pod> NewFinishedPods(JobSyncContext c, HashSet<string> uncounted, Func<Pod, bool> finished) =>
        [.. c.Pods.Where(p =>
        {
            var uid = p.Metadata.Uid ?? "";
            if (!JobPods.HasTrackingFinalizer(p) || uncounted.Contains(uid) || c.ExpectedRemovedFinalizers.Contains(uid)) return false;
            if (c.IsIndexed)
            {
                var index = JobPods.CompletionIndex(p);
                if (index == JobPods.UnknownIndex || index >= c.Completions) return false;
            }
            return finished(p);
        })];

    IEnumerable<Pod> OwnedPods(BatchJob job) =>
        _pods.ByIndex(OwnerIndex, job.Metadata.Uid ?? "").Select(p => KubeJson.Deserialize<Pod>(p)!);

    /// <summary>
    /// The job's pods: those it controls that its selector still matches, plus orphans the selector
    /// matches, which are adopted (owner reference and tracking finalizer) as upstream's ClaimPods does.
    /// </summary>
    async Task<IReadOnlyList<Pod>> PodsForJobAsync(BatchJob job, CancellationToken ct)
    {
        var selector = Api.Selectors.LabelSelector.Nothing;
        try { selector = Api.Selectors.LabelSelector.FromModel(job.Spec?.Selector); }
        catch (Api.Selectors.SelectorParseException) { }
        var result = new List<Pod>();
        foreach (var pod in OwnedPods(job))
            if (selector.Matches(pod.Metadata.Labels)) result.Add(pod);
        if (job.Metadata.DeletionTimestamp is not null || selector.IsNothing) return result;

        var orphans = _pods.Lister.List(job.Metadata.Namespace, selector).Where(p => ControllerOf(p) is null && p["metadata"]?["deletionTimestamp"] is null).ToList();
        if (orphans.Count == 0) return result;
        // Adopt only if the job is really still there and not going away: the cache may be behind.
        var fresh = await _api.GetAsync(BatchNames.Jobs, job.Metadata.Namespace, job.Metadata.Name ?? "", null, ct);
        if (JsonMeta.Uid(fresh) != job.Metadata.Uid || fresh["metadata"]?["deletionTimestamp"] is not null) return result;
        foreach (var orphan in orphans)
        {
            var patch = new JsonObject
            {
                ["metadata"] = new JsonObject
                {
                    ["ownerReferences"] = new JsonArray(new JsonObject
                    {
                        ["apiVersion"] = "batch/v1", ["kind"] = "Job", ["name"] = job.Metadata.Name, ["uid"] = job.Metadata.Uid,
                        ["controller"] = true, ["blockOwnerDeletion"] = true,
                    }),
                    ["uid"] = JsonMeta.Uid(orphan),
                    ["finalizers"] = new JsonArray(BatchNames.JobTrackingFinalizer),
                },
            };
            try
            {
                var adopted = await _api.PatchAsync(BatchNames.Pods, JsonMeta.Namespace(orphan), JsonMeta.Name(orphan) ?? "", PatchType.StrategicMerge, patch.ToJsonString(), null, null, ct);
                result.Add(KubeJson.Deserialize<Pod>(adopted)!);
            }
            catch (StatusError e) when (e.Code is 404 or 409 or 422) { }
        }
        return result;
    }
}
