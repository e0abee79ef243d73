using System.ComponentModel;
using KubeSharp.Api.Model.Core;

namespace KubeSharp.Api.Model.Batch;

[Kind("batch", "v1", "CronJob")]
[Description("Creates jobs on a repeating schedule.")]
public sealed record CronJob : KubernetesObject
{
    [Proto(2), Description("The schedule and the job to create each time.")]
    public CronJobSpec? Spec { get; init; }
    [Proto(3), Description("Most recently observed state; written by the controller.")]
    public CronJobStatus? Status { get; init; }
}

[Description("Desired behaviour of a cron job.")]
public sealed record CronJobSpec
{
    [Proto(1), RequiredField, Description("When to run, in cron syntax, e.g. \"*/5 * * * *\".")]
    public string Schedule { get; init; } = "";
    [Proto(8), Description("IANA time zone the schedule is read in; unset means the controller's local zone.")]
    public string? TimeZone { get; init; }
    [Proto(2), Description("Seconds after a missed run during which it may still start; later it is skipped.")]
    public long? StartingDeadlineSeconds { get; init; }
    [Proto(3), Description("Allow, Forbid or Replace: what to do when a run is due while the previous one is still active.")]
    public string? ConcurrencyPolicy { get; init; }
    [Proto(4), Description("When true, no new runs start; running jobs are unaffected.")]
    public bool? Suspend { get; init; }
    [Proto(5), RequiredField, Description("The job created for each run.")]
    public JobTemplateSpec? JobTemplate { get; init; }
    [Proto(6), Description("Finished successful jobs to keep; unset means 3.")]
    public int? SuccessfulJobsHistoryLimit { get; init; }
    [Proto(7), Description("Failed jobs to keep; unset means 1.")]
    public int? FailedJobsHistoryLimit { get; init; }
}

[Description("Blueprint of the jobs a cron job creates.")]
public sealed record JobTemplateSpec
{
    [Proto(1), Description("Labels and annotations copied to each created job.")]
    public ObjectMeta? Metadata { get; init; }
    [Proto(2), Description("Spec of each created job.")]
    public JobSpec? Spec { get; init; }
}

[Description("Observed state of a cron job.")]
public sealed record CronJobStatus
{
    [Proto(1), ListType("atomic"), Description("Jobs created by this cron job that are still running.")]
    public List<ObjectReference>? Active { get; init; }
    [Proto(4), Description("When a job was last started by schedule.")]
    public DateTimeOffset? LastScheduleTime { get; init; }
    [Proto(5), Description("When a job last finished successfully.")]
    public DateTimeOffset? LastSuccessfulTime { get; init; }
}

[Description("A page of CronJob objects.")]
public sealed record CronJobList : KubernetesList<CronJob>;
