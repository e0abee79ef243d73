using System.ComponentModel;

namespace KubeSharp.Api.Model.Batch;

[Description("Ordered rules that classify pod failures of a job.")]
public sealed record PodFailurePolicy
{
    [Proto(1), RequiredField, ListType("atomic"), Description("Rules checked in order; the first one that matches a failed pod decides.")]
    public List<PodFailurePolicyRule>? Rules { get; init; }
}

[Description("What to do with a failed pod that matches exit codes or pod conditions.")]
public sealed record PodFailurePolicyRule
{
    [Proto(1), RequiredField, Description("FailJob, FailIndex, Ignore or Count.")]
    public string Action { get; init; } = "";
    [Proto(2), Description("Matches on container exit codes.")]
    public PodFailurePolicyOnExitCodesRequirement? OnExitCodes { get; init; }
    [Proto(3), ListType("atomic"), Description("Matches on pod conditions; any one matching is enough.")]
    public List<PodFailurePolicyOnPodConditionsPattern>? OnPodConditions { get; init; }
}

[Description("Matches a failed pod by the exit codes of its containers.")]
public sealed record PodFailurePolicyOnExitCodesRequirement
{
    [Proto(1), Description("Only this container's exit code is checked; unset checks every container.")]
    public string? ContainerName { get; init; }
    [Proto(2), RequiredField, Description("In or NotIn: how the exit code is compared with the values.")]
    public string Operator { get; init; } = "";
    [Proto(3), RequiredField, ListType("set"), Description("Exit codes to compare against; 0 is not allowed with In.")]
    public List<int>? Values { get; init; }
}

[Description("Matches a failed pod by one of its conditions.")]
public sealed record PodFailurePolicyOnPodConditionsPattern
{
    [Proto(1), RequiredField, Description("Pod condition type to look for.")]
    public string Type { get; init; } = "";
    [Proto(2), RequiredField, Description("Status the condition must have; unset means True.")]
    public string Status { get; init; } = "";
}

[Description("Rules under which an Indexed job is declared successful early.")]
public sealed record SuccessPolicy
{
    [Proto(1), RequiredField, ListType("atomic"), Description("Rules checked in order; the job succeeds as soon as one is met.")]
    public List<SuccessPolicyRule>? Rules { get; init; }
}

[Description("One early-success rule: a set of indexes and/or a count of successes.")]
public sealed record SuccessPolicyRule
{
    [Proto(1), Description("Indexes that must all succeed, in range form such as \"0,2-4\".")]
    public string? SucceededIndexes { get; init; }
    [Proto(2), Description("How many succeeded indexes (within succeededIndexes, if given) are enough.")]
    public int? SucceededCount { get; init; }
}
