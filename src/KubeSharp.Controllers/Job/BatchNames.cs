using KubeSharp.Api.Resources;

namespace KubeSharp.Controllers.Job;

/// <summary>Resources, labels, annotations and finalizers of the batch controllers, spelled as upstream.</summary>
public static class BatchNames
{
    public static readonly GroupVersionResource Jobs = new("batch", "v1", "jobs");
    public static readonly GroupVersionResource CronJobs = new("batch", "v1", "cronjobs");
    public static readonly GroupVersionResource Pods = new("", "v1", "pods");

    /// <summary>Kept on every job pod until the controller has counted its outcome.</summary>
    public const string JobTrackingFinalizer = "batch.kubernetes.io/job-tracking";

    /// <summary>Annotation and label holding an Indexed job pod's completion index.</summary>
    public const string CompletionIndex = "batch.kubernetes.io/job-completion-index";

    /// <summary>On a pod of a job with backoffLimitPerIndex: the failures of its index counted so far (before this pod).</summary>
    public const string JobIndexFailureCount = "batch.kubernetes.io/job-index-failure-count";

    /// <summary>On a pod of a job with backoffLimitPerIndex: the failures of its index the pod failure policy ignored so far.</summary>
    public const string JobIndexIgnoredFailureCount = "batch.kubernetes.io/job-index-ignored-failure-count";

    /// <summary>Environment variable through which an Indexed job pod learns its index.</summary>
    public const string CompletionIndexEnv = "JOB_COMPLETION_INDEX";

    /// <summary>The cron job's nominal start time of a run, on the Job it created.</summary>
    public const string CronJobScheduledTimestamp = "batch.kubernetes.io/cronjob-scheduled-timestamp";

    /// <summary>The value of spec.managedBy meaning "this controller"; any other value hands the job to someone else.</summary>
    public const string JobControllerName = "kubernetes.io/job-controller";
}
