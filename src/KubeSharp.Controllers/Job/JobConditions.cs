using KubeSharp.Api.Model.Batch;
using BatchJob = KubeSharp.Api.Model.Batch.Job;

namespace KubeSharp.Controllers.Job;

/// <summary>The job condition types and reasons upstream uses, and how conditions are set.</summary>
public static class JobConditions
{
    public const string Complete = "Complete";
    public const string Failed = "Failed";
    public const string Suspended = "Suspended";
    public const string FailureTarget = "FailureTarget";
    public const string SuccessCriteriaMet = "SuccessCriteriaMet";

    public const string BackoffLimitExceeded = "BackoffLimitExceeded";
    public const string DeadlineExceeded = "DeadlineExceeded";
    public const string PodFailurePolicy = "PodFailurePolicy";
    public const string CompletionsReached = "CompletionsReached";
    public const string SuccessPolicy = "SuccessPolicy";
    public const string FailedIndexes = "FailedIndexes";
    public const string MaxFailedIndexesExceeded = "MaxFailedIndexesExceeded";

    public static JobCondition? Find(IEnumerable<JobCondition>? conditions, string type) => conditions?.FirstOrDefault(c => c.Type == type);

    static bool IsTrue(IEnumerable<JobCondition>? conditions, string type) => Find(conditions, type)?.Status == "True";

    /// <summary>Finished means Complete or Failed is True; the interim conditions do not count.</summary>
    public static bool IsFinished(BatchJob job) => IsTrue(job.Status?.Conditions, Complete) || IsTrue(job.Status?.Conditions, Failed);

    /// <summary>The finished condition's type and when it was set, for the TTL and cron job controllers.</summary>
    public static JobCondition? Finished(BatchJob job) =>
        job.Status?.Conditions?.FirstOrDefault(c => c.Type is Complete or Failed && c.Status == "True");

    public static JobCondition New(string type, string status, string reason, string message, DateTimeOffset now) =>
        new() { Type = type, Status = status, Reason = reason, Message = message, LastProbeTime = now, LastTransitionTime = now };

    /// <summary>
    /// Sets a condition as upstream's ensureJobConditionStatus: replaced when status, reason or message
    /// differ; added only when not False (a missing condition already reads as False). True when changed.
    /// </summary>
    public static bool Ensure(List<JobCondition> list, string type, string status, string reason, string message, DateTimeOffset now)
    {
        var i = list.FindIndex(c => c.Type == type);
        if (i >= 0)
        {
            var c = list[i];
            if (c.Status == status && c.Reason == reason && c.Message == message) return false;
            list[i] = New(type, status, reason, message, now);
            return true;
        }
        if (status == "False") return false;
        list.Add(New(type, status, reason, message, now));
        return true;
    }
}
