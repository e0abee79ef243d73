using System.Text.Json.Nodes;
using KubeSharp.Api.Model.Batch;
using KubeSharp.Api.Model.Core;
using KubeSharp.Api.Resources;
using BatchJob = KubeSharp.Api.Model.Batch.Job;

namespace KubeSharp.Controllers.Job;

/// <summary>What one sync of one job works with; the status fields are changed in place and written at the end.</summary>
sealed class JobSyncContext
{
    public required NamespacedName Key { get; init; }
    /// <summary>The job as last read or written; its resourceVersion guards each status write.</summary>
    public required JsonObject Object { get; set; }
    public required BatchJob Job { get; init; }
    public required IReadOnlyList<Pod> Pods { get; init; }
    public required IReadOnlyList<Pod> ActivePods { get; init; }
    public required IReadOnlySet<string> ExpectedRemovedFinalizers { get; init; }
    public required HashSet<string> UncountedSucceeded { get; init; }
    public required HashSet<string> UncountedFailed { get; init; }

    public required List<JobCondition> Conditions { get; init; }
    public DateTimeOffset? StartTime { get; set; }
    public DateTimeOffset? CompletionTime { get; set; }
    public int Active { get; set; }
    public int Ready { get; set; }
    public int Terminating { get; set; }
    public int Succeeded { get; set; }
    public int Failed { get; set; }
    public string? CompletedIndexes { get; set; }
    public string? FailedIndexes { get; set; }
    /// <summary>Pod UIDs in status.uncountedTerminatedPods, in order.</summary>
    public required List<string> StatusUncountedSucceeded { get; init; }
    public required List<string> StatusUncountedFailed { get; init; }

    /// <summary>Successes and failures including those not yet moved into the counters.</summary>
    public int SucceededTotal { get; set; }
    public int FailedTotal { get; set; }
    public IndexSet PrevSucceededIndexes { get; set; } = IndexSet.Empty;
    public IndexSet SucceededIndexes { get; set; } = IndexSet.Empty;
    /// <summary>Failed indexes of a job with backoffLimitPerIndex (null for other jobs, which have none).</summary>
    public IndexSet? FailedIndexSet { get; set; }
    /// <summary>Per index to retry, the failed pod its replacement reads the failure count from; it keeps its finalizer till then.</summary>
    public IReadOnlyDictionary<int, Pod> PodsWithDelayedDeletion { get; set; } = new Dictionary<int, Pod>();
    /// <summary>The condition the job is heading for (FailureTarget, SuccessCriteriaMet, then Failed or Complete).</summary>
    public JobCondition? FinishedCondition { get; set; }
    public required BackoffRecord NewBackoff { get; set; }

    public bool IsIndexed => Job.Spec?.CompletionMode == "Indexed";
    public int Completions => Job.Spec?.Completions ?? 0;

    public JobStatus ToStatus() => new()
    {
        Conditions = Conditions.Count > 0 ? Conditions : null,
        StartTime = StartTime,
        CompletionTime = CompletionTime,
        // As upstream's omitempty counters: zero is left out; ready and terminating are always written.
        Active = Active == 0 ? null : Active,
        Succeeded = Succeeded == 0 ? null : Succeeded,
        Failed = Failed == 0 ? null : Failed,
        Ready = Ready,
        Terminating = Terminating,
        CompletedIndexes = string.IsNullOrEmpty(CompletedIndexes) ? null : CompletedIndexes,
        FailedIndexes = FailedIndexes,
        UncountedTerminatedPods = new UncountedTerminatedPods
        {
            Succeeded = StatusUncountedSucceeded.Count > 0 ? [.. StatusUncountedSucceeded] : null,
            Failed = StatusUncountedFailed.Count > 0 ? [.. StatusUncountedFailed] : null,
        },
    };
}
