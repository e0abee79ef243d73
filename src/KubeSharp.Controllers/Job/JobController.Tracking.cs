using KubeSharp.Api.Model;
using KubeSharp.Api.Model.Core;
using KubeSharp.Client.Events;

namespace KubeSharp.Controllers.Job;

public sealed partial class JobController
{
    /// <summary>Most pod UIDs held in status.uncountedTerminatedPods at once, as upstream.</summary>
    public const int MaxUncountedPods = 500;

    /// <summary>
    /// Counts finished pods crash-safely, as upstream: (1) write their UIDs to
    /// status.uncountedTerminatedPods; (2) remove their tracking finalizers; (3) move the UIDs whose
    /// finalizer is gone into the succeeded/failed counters; (4) once nothing is uncounted or terminating,
    /// turn the interim condition into Complete or Failed. A crash between any two steps is repaired by
    /// the next sync: a pod with the finalizer is not yet counted; a UID in the uncounted lists whose pod
    /// lost its finalizer is moved into the counters exactly once.
    /// </summary>
    async Task TrackStatusAndRemoveFinalizersAsync(JobSyncContext c, bool needsFlush, CancellationToken ct)
    {
        var job = c.Job;
        var now = _time.GetUtcNow();
        var pods = c.IsIndexed ? c.Pods.OrderBy(JobPods.CompletionIndex).ToList() : c.Pods;
        var withFinalizer = pods.Where(p => JobPods.HasTrackingFinalizer(p) && !c.ExpectedRemovedFinalizers.Contains(p.Metadata.Uid ?? ""))
            .Select(p => p.Metadata.Uid ?? "").ToHashSet(StringComparer.Ordinal);
        if (CountPodsWithoutFinalizers(c, withFinalizer)) needsFlush = true;

        var toRemove = new List<Pod>();
        var newSucceededIndexes = new List<int>();
        var reachedMax = false;
        foreach (var pod in pods)
        {
            var uid = pod.Metadata.Uid ?? "";
            if (!JobPods.HasTrackingFinalizer(pod) || c.ExpectedRemovedFinalizers.Contains(uid)) continue;
            var failed = JobPods.IsFailed(pod, job);
            if (!CanRemoveFinalizer(c, pod, failed)) continue;
            toRemove.Add(pod);
            var index = JobPods.CompletionIndex(pod);
            if (pod.Status?.Phase == "Succeeded" && !c.UncountedFailed.Contains(uid))
            {
                if (c.IsIndexed)
                {
                    // The index alone prevents counting a success twice; no UID is needed.
                    if (index != JobPods.UnknownIndex && index < c.Completions && !c.PrevSucceededIndexes.Contains(index))
                    {
                        newSucceededIndexes.Add(index);
                        needsFlush = true;
                    }
                }
                else if (!c.UncountedSucceeded.Contains(uid))
                {
                    c.StatusUncountedSucceeded.Add(uid);
                    needsFlush = true;
                }
            }
            else if (failed || (c.FinishedCondition is not null && c.FinishedCondition.Type != JobConditions.SuccessCriteriaMet))
            {
                // Once the job is failing, every pod that did not succeed counts as failed.
                var validIndex = !c.IsIndexed || (index != JobPods.UnknownIndex && index < c.Completions);
                if (!c.UncountedFailed.Contains(uid) && validIndex
                    && PodFailurePolicyMatcher.Match(job.Spec?.PodFailurePolicy, pod).CountFailed)
                {
                    c.StatusUncountedFailed.Add(uid);
                    needsFlush = true;
                }
            }
            if (newSucceededIndexes.Count + c.StatusUncountedSucceeded.Count + c.StatusUncountedFailed.Count >= MaxUncountedPods)
            {
                // Keep the status small and let other jobs have a turn; the writes below requeue this one.
                reachedMax = true;
                break;
            }
        }

        if (c.IsIndexed)
        {
            c.SucceededIndexes = c.SucceededIndexes.With(newSucceededIndexes);
            var text = c.SucceededIndexes.ToString();
            if (text != (c.CompletedIndexes ?? "")) needsFlush = true;
            c.Succeeded = c.SucceededIndexes.Total;
            c.CompletedIndexes = text;
            var failedText = c.FailedIndexSet?.ToString();
            if (failedText != c.FailedIndexes)
            {
                c.FailedIndexes = failedText;
                needsFlush = true;
            }
        }
        if (c.FinishedCondition is { Type: JobConditions.FailureTarget } target)
        {
            // Recorded before any finalizer goes, so the reason survives a crash; Failed follows once all is counted.
            c.Conditions.Add(target);
            needsFlush = true;
            c.FinishedCondition = JobConditions.New(JobConditions.Failed, "True", target.Reason ?? "", target.Message ?? "", now);
        }
        if (c.FinishedCondition is { Type: JobConditions.SuccessCriteriaMet } met)
        {
            if (JobConditions.Find(c.Conditions, JobConditions.SuccessCriteriaMet) is null)
            {
                c.Conditions.Add(met);
                needsFlush = true;
            }
            c.FinishedCondition = JobConditions.New(JobConditions.Complete, "True", met.Reason ?? "", met.Message ?? "", now);
        }

        // (1) Flush the new uncounted UIDs and interim conditions before touching any finalizer.
        if (needsFlush)
        {
            await UpdateStatusAsync(c, ct);
            _backoff.Update(c.NewBackoff);
            needsFlush = false;
        }
        // (2) Remove finalizers; (3) count the pods whose finalizer is gone.
        Exception? removeError = null;
        if (toRemove.Count > 0)
        {
            var removed = await RemoveTrackingFinalizersAsync(c, toRemove, ct);
            for (var i = 0; i < toRemove.Count; i++)
                if (removed[i]) withFinalizer.Remove(toRemove[i].Metadata.Uid ?? "");
            if (removed.Any(r => !r)) removeError = new InvalidOperationException($"could not remove the tracking finalizer of every finished pod of job {c.Key}");
        }
        if (CountPodsWithoutFinalizers(c, withFinalizer)) needsFlush = true;
        if (removeError is not null)
        {
            if (needsFlush) await UpdateStatusAsync(c, ct);
            throw removeError;
        }

        // (4) Finish once every pod is counted and none is still shutting down.
        var finished = !reachedMax && EnactFinished(c, now);
        if (finished) needsFlush = true;
        if (!needsFlush) return;
        await UpdateStatusAsync(c, ct);
        if (!finished) return;
        if (c.FinishedCondition!.Type == JobConditions.Complete)
        {
            if (job.Spec?.Completions is { } completions && c.Succeeded > completions)
                Event(job, EventTypes.Warning, "TooManySucceededPods", "Too many succeeded pods running after completion count reached");
            Event(job, EventTypes.Normal, "Completed", "Job completed");
        }
        else Event(job, EventTypes.Warning, c.FinishedCondition.Reason ?? "", c.FinishedCondition.Message ?? "");
    }

    /// <summary>
    /// A finished pod's finalizer may go, except for the latest failed pod of an index still to be retried
    /// under backoffLimitPerIndex: its replacement reads the index's failure count from it.
    /// </summary>
    static bool CanRemoveFinalizer(JobSyncContext c, Pod pod, bool failed)
    {
        if (c.Job.Metadata.DeletionTimestamp is not null || c.FinishedCondition is not null || pod.Status?.Phase == "Succeeded") return true;
        if (!failed) return false;
        return !(c.PodsWithDelayedDeletion.TryGetValue(JobPods.CompletionIndex(pod), out var delayed) && delayed.Metadata.Uid == pod.Metadata.Uid);
    }

    /// <summary>Moves uncounted UIDs whose pod no longer has the finalizer into the counters; true when anything moved.</summary>
    static bool CountPodsWithoutFinalizers(JobSyncContext c, HashSet<string> withFinalizer)
    {
        var changed = false;
        var gone = c.StatusUncountedSucceeded.RemoveAll(uid => !withFinalizer.Contains(uid));
        if (gone > 0)
        {
            c.Succeeded += gone;
            changed = true;
        }
        gone = c.StatusUncountedFailed.RemoveAll(uid => !withFinalizer.Contains(uid));
        if (gone > 0)
        {
            c.Failed += gone;
            changed = true;
        }
        return changed;
    }

    static bool EnactFinished(JobSyncContext c, DateTimeOffset now)
    {
        if (c.FinishedCondition is not { } condition) return false;
        if (c.StatusUncountedSucceeded.Count + c.StatusUncountedFailed.Count > 0) return false;
        if (c.Terminating > 0) return false;
        JobConditions.Ensure(c.Conditions, condition.Type, condition.Status, condition.Reason ?? "", condition.Message ?? "", now);
        if (condition.Type == JobConditions.Complete) c.CompletionTime = condition.LastTransitionTime;
        return true;
    }

    async Task UpdateStatusAsync(JobSyncContext c, CancellationToken ct)
    {
        var obj = (System.Text.Json.Nodes.JsonObject)c.Object.DeepClone();
        obj["status"] = KubeJson.ToObject(c.ToStatus());
        c.Object = await _api.UpdateAsync(BatchNames.Jobs, c.Key.Namespace, obj, "status", null, ct);
    }
}
