using KubeSharp.Api.Errors;
using KubeSharp.Api.Model;
using KubeSharp.Api.Model.Core;
using KubeSharp.Api.Resources;
using KubeSharp.Client;
using KubeSharp.Client.Events;
using Microsoft.Extensions.Logging;
using BatchJob = KubeSharp.Api.Model.Batch.Job;

namespace KubeSharp.Controllers.Job;

public sealed partial class JobController
{
    /// <summary>Most pods created or deleted in one sync, as upstream.</summary>
    public const int MaxPodCreateDeletePerSync = 500;

    const string RemoveFinalizerPatch = "{\"metadata\":{\"$deleteFromPrimitiveList/finalizers\":[\"" + BatchNames.JobTrackingFinalizer + "\"]}}";

    /// <summary>
    /// Creates or deletes pods so that as many run as parallelism and the remaining completions allow
    /// (all are removed while suspended), waiting out the failure back-off before creating. Returns the
    /// new active count.
    /// </summary>
    async Task<(int Active, Exception? Error)> ManageJobAsync(JobSyncContext c, CancellationToken ct)
    {
        var job = c.Job;
        var active = c.ActivePods.Count;
        var parallelism = job.Spec?.Parallelism ?? 1;

        if (job.Spec?.Suspend == true)
        {
            var all = PodsForRemoval(c, active);
            _expectations.Expect(c.Key, 0, all.Count);
            var (ready, removed, error) = await DeleteJobPodsAsync(c, all, ct);
            c.Terminating += removed;
            c.Ready -= ready;
            return (active - removed, error);
        }

        int wantActive;
        if (job.Spec?.Completions is not { } completions)
            // A work queue: once one pod succeeded, let the others finish but start no more.
            wantActive = c.SucceededTotal > 0 ? active : parallelism;
        else
            wantActive = Math.Clamp(completions - c.SucceededTotal, 0, parallelism);

        var surplus = PodsForRemoval(c, Math.Max(0, active - wantActive));
        if (surplus.Count > 0)
        {
            _expectations.Expect(c.Key, 0, surplus.Count);
            var (ready, removed, error) = await DeleteJobPodsAsync(c, surplus, ct);
            c.Terminating += removed;
            c.Ready -= ready;
            return (active - removed, error);
        }

        // With podReplacementPolicy Failed a replacement waits until the old pod is fully gone.
        var terminating = JobPods.OnlyReplaceFailedPods(job) ? c.Terminating : 0;
        var diff = wantActive - terminating - active;
        if (diff <= 0) return (active, null);

        var perIndex = IndexFailures.HasBackoffLimitPerIndex(job);
        var now = _time.GetUtcNow();
        // With backoffLimitPerIndex each index backs off on its own, below; otherwise the whole job waits.
        var wait = perIndex ? TimeSpan.Zero : c.NewBackoff.RemainingTime(now);
        if (wait > TimeSpan.Zero)
        {
            RequeueAfter(c.Key, wait);
            return (active, null);
        }
        diff = Math.Min(diff, MaxPodCreateDeletePerSync);
        List<int> indexes = [];
        if (c.IsIndexed)
        {
            indexes = FirstPendingIndexes(c, diff);
            if (perIndex)
            {
                (indexes, wait) = IndexesPastBackoff(c, indexes, now);
                if (wait > TimeSpan.Zero)
                {
                    RequeueAfter(c.Key, wait);
                    return (active, null);
                }
            }
            diff = indexes.Count;
        }
        if (diff == 0) return (active, null);

        _expectations.ExpectCreations(c.Key, diff);
        active += diff;
        Exception? firstError = null;
        var next = 0;
        // Slow start: 1, 2, 4, … pods per batch, stopping at the first batch with a failure.
        for (var batch = Math.Min(diff, 1); next < diff; batch = Math.Min(2 * batch, diff - next))
        {
            var slice = Enumerable.Range(next, batch).ToList();
            next += batch;
            var results = await Task.WhenAll(slice.Select(i => CreatePodAsync(c, c.IsIndexed ? indexes[i] : JobPods.UnknownIndex, ct)));
            var failures = results.Where(e => e is not null).ToList();
            foreach (var _ in failures) _expectations.CreationObserved(c.Key);
            active -= failures.Count;
            if (failures.Count == 0) continue;
            firstError ??= failures[0];
            var skipped = diff - next;
            for (var i = 0; i < skipped; i++) _expectations.CreationObserved(c.Key);
            active -= skipped;
            break;
        }
        return (active, firstError);
    }

    void RequeueAfter(NamespacedName key, TimeSpan wait) => _queue.AddAfter(key, wait < SyncBatchPeriod ? SyncBatchPeriod : wait);

    /// <summary>
    /// Of the indexes due a pod, those whose own back-off has passed; when none has, the shortest wait left
    /// (upstream's getPodCreationInfoForIndependentIndexes).
    /// </summary>
    static (List<int> Ready, TimeSpan Wait) IndexesPastBackoff(JobSyncContext c, List<int> indexes, DateTimeOffset now)
    {
        var ready = new List<int>();
        TimeSpan? shortest = null;
        foreach (var index in indexes)
        {
            var left = IndexFailures.RemainingTime(c.PodsWithDelayedDeletion.GetValueOrDefault(index), now);
            if (left == TimeSpan.Zero) ready.Add(index);
            else if (shortest is null || left < shortest) shortest = left;
        }
        return (ready, ready.Count > 0 ? TimeSpan.Zero : shortest ?? TimeSpan.Zero);
    }

    async Task<Exception?> CreatePodAsync(JobSyncContext c, int index, CancellationToken ct)
    {
        (int, int)? failures = index != JobPods.UnknownIndex && IndexFailures.HasBackoffLimitPerIndex(c.Job)
            ? IndexFailures.NewCounts(c.Job, c.PodsWithDelayedDeletion.GetValueOrDefault(index))
            : null;
        var pod = JobPodFactory.Build(c.Object, index, failures);
        try
        {
            var created = await _api.CreateAsync(BatchNames.Pods, c.Key.Namespace, pod, null, null, ct);
            Event(c.Job, EventTypes.Normal, "SuccessfulCreate", $"Created pod: {JsonMeta.Name(created)}");
            return null;
        }
        catch (StatusError e)
        {
            // Creating in a terminating namespace fails for every pod; there is nothing to report.
            if (e.Code == 403 && e.Message.Contains("being terminated", StringComparison.Ordinal)) return e;
            Event(c.Job, EventTypes.Warning, "FailedCreate", $"Error creating: {e.Message}");
            return e;
        }
    }

    /// <summary>
    /// The lowest indexes below completions that neither succeeded, failed for good nor have an active pod
    /// (nor, when only failed pods are replaced, a pod still terminating).
    /// </summary>
    static List<int> FirstPendingIndexes(JobSyncContext c, int count)
    {
        var taken = c.ActivePods.Select(JobPods.CompletionIndex).ToHashSet();
        if (JobPods.OnlyReplaceFailedPods(c.Job)) taken.UnionWith(c.Pods.Where(JobPods.IsTerminating).Select(JobPods.CompletionIndex));
        var result = new List<int>(count);
        for (var i = 0; i < c.Completions && result.Count < count; i++)
            if (!c.SucceededIndexes.Contains(i) && c.FailedIndexSet?.Contains(i) != true && !taken.Contains(i)) result.Add(i);
        return result;
    }

    /// <summary>
    /// Which active pods to remove first: for Indexed jobs those with a bad or duplicate index, then the
    /// cheapest to lose as upstream ranks them (unscheduled, pending, not ready, newest).
    /// </summary>
    static List<Pod> PodsForRemoval(JobSyncContext c, int count)
    {
        if (count <= 0) return [];
        var seen = new HashSet<int>();
        var ranked = c.ActivePods
            .OrderByDescending(p => c.IsIndexed && IsBadIndex(p))
            .ThenBy(p => string.IsNullOrEmpty(p.Spec?.NodeName) ? 0 : 1)
            .ThenBy(p => p.Status?.Phase switch { "Pending" => 0, "Unknown" => 1, "Running" => 2, _ => 0 })
            .ThenBy(p => JobPods.IsReady(p) ? 1 : 0)
            .ThenByDescending(p => p.Metadata.CreationTimestamp ?? DateTimeOffset.MinValue)
            .ToList();
        return [.. ranked.Take(Math.Min(count, MaxPodCreateDeletePerSync))];

        bool IsBadIndex(Pod p)
        {
            var index = JobPods.CompletionIndex(p);
            return index == JobPods.UnknownIndex || index >= c.Completions || c.SucceededIndexes.Contains(index) || !seen.Add(index);
        }
    }

    /// <summary>
    /// Removes pods the job no longer wants (suspend, fewer wanted): the finalizer goes first, so these
    /// deletions are not counted as failures.
    /// </summary>
    async Task<(int Ready, int Removed, Exception? Error)> DeleteJobPodsAsync(JobSyncContext c, IReadOnlyList<Pod> pods, CancellationToken ct)
    {
        var results = await Task.WhenAll(pods.Select(async pod =>
        {
            try
            {
                if (JobPods.HasTrackingFinalizer(pod)) await PatchOutFinalizerAsync(pod, ct);
                await DeletePodAsync(c.Job, pod, ct);
                return (Ready: JobPods.IsReady(pod), Error: (Exception?)null);
            }
            catch (StatusError e)
            {
                _expectations.DeletionObserved(c.Key);
                if (e.Code == 404) return (false, null);
                Event(c.Job, EventTypes.Warning, "FailedDelete", $"Error deleting: {e.Message}");
                return (false, e);
            }
        }));
        var failed = results.Count(r => r.Error is not null);
        return (results.Count(r => r.Ready), pods.Count - failed, results.FirstOrDefault(r => r.Error is not null).Error);
    }

    /// <summary>Deletes the active pods of a job that is finishing; finalizers stay, so they are counted as failed.</summary>
    async Task<(int Ready, int Deleted, Exception? Error)> DeleteActivePodsAsync(BatchJob job, IReadOnlyList<Pod> pods, CancellationToken ct)
    {
        var results = await Task.WhenAll(pods.Select(async pod =>
        {
            try
            {
                await DeletePodAsync(job, pod, ct);
                return (Ready: JobPods.IsReady(pod), Error: (Exception?)null);
            }
            catch (StatusError e) when (e.Code == 404) { return (JobPods.IsReady(pod), null); }
            catch (StatusError e) { return (false, e); }
        }));
        var failed = results.Count(r => r.Error is not null);
        return (results.Count(r => r.Ready), pods.Count - failed, results.FirstOrDefault(r => r.Error is not null).Error);
    }

    async Task DeletePodAsync(BatchJob job, Pod pod, CancellationToken ct)
    {
        await _api.DeleteAsync(BatchNames.Pods, pod.Metadata.Namespace, pod.Metadata.Name ?? "", new Client.DeleteOptions { PreconditionUid = pod.Metadata.Uid }, ct);
        Event(job, EventTypes.Normal, "SuccessfulDelete", $"Deleted pod: {pod.Metadata.Name}");
    }

    Task PatchOutFinalizerAsync(Pod pod, CancellationToken ct) =>
        _api.PatchAsync(BatchNames.Pods, pod.Metadata.Namespace, pod.Metadata.Name ?? "", PatchType.StrategicMerge, RemoveFinalizerPatch, null, null, ct);

    /// <summary>Removes the tracking finalizer; returns, per pod, whether it is gone (a pod already deleted counts).</summary>
    async Task<bool[]> RemoveTrackingFinalizersAsync(JobSyncContext? c, IReadOnlyList<Pod> pods, CancellationToken ct)
    {
        if (c is not null) _finalizerExpectations.ExpectRemoved(c.Key, pods.Select(p => p.Metadata.Uid ?? ""));
        return await Task.WhenAll(pods.Select(async pod =>
        {
            try
            {
                await PatchOutFinalizerAsync(pod, ct);
                return true;
            }
            catch (StatusError e)
            {
                // No update will come for a patch that failed.
                if (c is not null) _finalizerExpectations.Observed(c.Key, pod.Metadata.Uid ?? "");
                if (e.Code == 404) return true;
                _log.LogWarning("removing the tracking finalizer of pod {Namespace}/{Pod}: {Error}", pod.Metadata.Namespace, pod.Metadata.Name, e.Message);
                return false;
            }
        }));
    }
}
