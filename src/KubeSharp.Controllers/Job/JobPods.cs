using System.Globalization;
using KubeSharp.Api.Model.Core;
using BatchJob = KubeSharp.Api.Model.Batch.Job;

namespace KubeSharp.Controllers.Job;

/// <summary>How the job controller reads its pods: active, terminating, failed, ready, finished when, which index.</summary>
public static class JobPods
{
    public const int UnknownIndex = -1;

    public static bool IsTerminal(Pod pod) => pod.Status?.Phase is "Succeeded" or "Failed";

    public static bool IsDeleting(Pod pod) => pod.Metadata.DeletionTimestamp is not null;

    /// <summary>Counts toward status.active: not finished and not being deleted.</summary>
    public static bool IsActive(Pod pod) => !IsTerminal(pod) && !IsDeleting(pod);

    /// <summary>Counts toward status.terminating: being deleted but not yet finished.</summary>
    public static bool IsTerminating(Pod pod) => IsDeleting(pod) && !IsTerminal(pod);

    public static bool IsReady(Pod pod) => pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;

    public static bool HasTrackingFinalizer(Pod pod) => pod.Metadata.Finalizers?.Contains(BatchNames.JobTrackingFinalizer) == true;

    /// <summary>
    /// Whether the pod counts as a failure: phase Failed, or (unless the job replaces only failed pods)
    /// deleted before it succeeded, since such a pod may never get to report a phase.
    /// </summary>
    public static bool IsFailed(Pod pod, BatchJob job)
    {
        if (pod.Status?.Phase == "Failed") return true;
        if (OnlyReplaceFailedPods(job)) return false;
        return IsDeleting(pod) && pod.Status?.Phase != "Succeeded";
    }

    public static bool OnlyReplaceFailedPods(BatchJob job) =>
        job.Spec?.PodReplacementPolicy == "Failed" || job.Spec?.PodFailurePolicy is not null;

    public static int CompletionIndex(Pod pod)
    {
        if (pod.Metadata.Annotations?.GetValueOrDefault(BatchNames.CompletionIndex) is not { } text) return UnknownIndex;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : UnknownIndex;
    }

    /// <summary>Container restarts of a pending or running pod; with restartPolicy OnFailure they are the job's retries.</summary>
    public static int Restarts(Pod pod)
    {
        if (pod.Status?.Phase is not ("Running" or "Pending")) return 0;
        return (pod.Status.InitContainerStatuses ?? []).Sum(s => s.RestartCount ?? 0)
            + (pod.Status.ContainerStatuses ?? []).Sum(s => s.RestartCount ?? 0);
    }

    /// <summary>When the pod finished: its last container exit, else when it stopped being ready, else its deletion or creation.</summary>
    public static DateTimeOffset FinishedAt(Pod pod, DateTimeOffset now)
    {
        var exits = (pod.Status?.ContainerStatuses ?? []).Concat(pod.Status?.InitContainerStatuses ?? [])
            .Select(s => s.State?.Terminated?.FinishedAt).OfType<DateTimeOffset>().ToList();
        if (exits.Count > 0) return exits.Max();
        if (pod.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready" && c.Status == "False")?.LastTransitionTime is { } notReady) return notReady;
        return pod.Metadata.DeletionTimestamp ?? pod.Metadata.CreationTimestamp ?? now;
    }
}
