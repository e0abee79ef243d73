using System.Globalization;
using KubeSharp.Api.Model.Core;
using BatchJob = KubeSharp.Api.Model.Batch.Job;

namespace KubeSharp.Controllers.Job;

/// <summary>
/// spec.backoffLimitPerIndex, as upstream: each pod of an index carries how many failures the index had
/// before it (the job-index-failure-count annotation); a failed pod whose count has reached the limit, or
/// one a FailIndex rule matched, marks its index failed for good.
/// </summary>
public static class IndexFailures
{
    public static bool HasBackoffLimitPerIndex(BatchJob job) => job.Spec?.BackoffLimitPerIndex is not null;

    /// <summary>The counted failures of the pod's index before this pod; 0 when missing or not a valid non-negative int32.</summary>
    public static int FailureCount(Pod pod) => Annotation(pod, BatchNames.JobIndexFailureCount);

    /// <summary>The failures of the pod's index before this pod that the pod failure policy ignored.</summary>
    public static int IgnoredFailureCount(Pod pod) => Annotation(pod, BatchNames.JobIndexIgnoredFailureCount);

    /// <summary>Every failure of the index before this pod, counted or ignored: what the per-index back-off grows with.</summary>
    public static int AbsoluteFailureCount(Pod pod) => FailureCount(pod) + IgnoredFailureCount(pod);

    static int Annotation(Pod pod, string key) =>
        pod.Metadata.Annotations?.GetValueOrDefault(key) is { } text
        && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) && n >= 0 ? n : 0;

    /// <summary>Whether this failed pod fails its index: a FailIndex rule matched, or a counted failure used up the index's limit.</summary>
    public static bool IsIndexFailed(BatchJob job, Pod pod)
    {
        if (!JobPods.IsFailed(pod, job)) return false;
        var counted = true;
        if (job.Spec?.PodFailurePolicy is { } policy)
        {
            var verdict = PodFailurePolicyMatcher.Match(policy, pod);
            if (verdict.Action == PodFailurePolicyMatcher.FailIndex) return true;
            counted = verdict.CountFailed;
        }
        return counted && FailureCount(pod) >= (job.Spec?.BackoffLimitPerIndex ?? 0);
    }

    /// <summary>status.failedIndexes plus the indexes whose not yet counted pods failed them.</summary>
    internal static IndexSet Calculate(JobSyncContext c)
    {
        var previous = IndexSet.Parse(c.FailedIndexes, c.Completions);
        return previous.With(c.Pods
            .Where(p => JobPods.HasTrackingFinalizer(p) && IsIndexFailed(c.Job, p))
            .Select(JobPods.CompletionIndex)
            .Where(i => i != JobPods.UnknownIndex && i < c.Completions));
    }

    /// <summary>
    /// Per index still to be retried, its latest failed pod: that pod keeps its finalizer (so it stays in the
    /// cache) until the replacement exists, because the replacement's failure count is read from it.
    /// </summary>
    internal static Dictionary<int, Pod> PodsWithDelayedDeletion(JobSyncContext c, DateTimeOffset now)
    {
        var activeIndexes = c.ActivePods.Select(JobPods.CompletionIndex).ToHashSet();
        var result = new Dictionary<int, Pod>();
        foreach (var pod in c.Pods)
        {
            if (!JobPods.HasTrackingFinalizer(pod) || c.ExpectedRemovedFinalizers.Contains(pod.Metadata.Uid ?? "") || !JobPods.IsFailed(pod, c.Job)) continue;
            var index = JobPods.CompletionIndex(pod);
            if (index == JobPods.UnknownIndex || index >= c.Completions) continue;
            if (c.SucceededIndexes.Contains(index) || c.FailedIndexSet?.Contains(index) == true || activeIndexes.Contains(index)) continue;
            if (!result.TryGetValue(index, out var latest)
                || (AbsoluteFailureCount(latest) <= AbsoluteFailureCount(pod) && JobPods.FinishedAt(pod, now) >= JobPods.FinishedAt(latest, now)))
                result[index] = pod;
        }
        return result;
    }

    /// <summary>The failure counts a replacement for <paramref name="replaced"/> starts with (0, 0 for a first pod).</summary>
    public static (int Failures, int Ignored) NewCounts(BatchJob job, Pod? replaced)
    {
        if (replaced is null) return (0, 0);
        var (failures, ignored) = (FailureCount(replaced), IgnoredFailureCount(replaced));
        if (job.Spec?.PodFailurePolicy is { } policy && !PodFailurePolicyMatcher.Match(policy, replaced).CountFailed) ignored++;
        else failures++;
        return (failures, ignored);
    }

    /// <summary>How long the index of <paramref name="lastFailed"/> must still wait before its next pod: the job back-off applied per index.</summary>
    public static TimeSpan RemainingTime(Pod? lastFailed, DateTimeOffset now)
    {
        if (lastFailed is null) return TimeSpan.Zero;
        var record = new BackoffRecord(default, AbsoluteFailureCount(lastFailed) + 1, JobPods.FinishedAt(lastFailed, now));
        return record.RemainingTime(now);
    }
}
