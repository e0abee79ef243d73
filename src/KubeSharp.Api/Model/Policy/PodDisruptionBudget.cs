using System.ComponentModel;

namespace KubeSharp.Api.Model.Policy;

[Kind("policy", "v1", "PodDisruptionBudget"), Description("Limits how many pods of a set may be down at once through voluntary disruption.")]
public sealed record PodDisruptionBudget : KubernetesObject
{
    [Proto(2), Description("The budget.")]
    public PodDisruptionBudgetSpec? Spec { get; init; }

    [Proto(3), Description("How much disruption is currently allowed.")]
    public PodDisruptionBudgetStatus? Status { get; init; }
}

[Description("A page of pod disruption budgets.")]
public sealed record PodDisruptionBudgetList : KubernetesList<PodDisruptionBudget>;

[Description("Which pods a budget covers and how many must stay up.")]
public sealed record PodDisruptionBudgetSpec
{
    [Proto(1), Description("Pods that must remain available, as a number or a percentage.")]
    public IntOrString? MinAvailable { get; init; }

    [Proto(2), Patch("replace"), Description("Pods the budget covers.")]
    public LabelSelector? Selector { get; init; }

    [Proto(3), Description("Pods that may be unavailable, as a number or a percentage.")]
    public IntOrString? MaxUnavailable { get; init; }

    [Proto(4), Description("IfHealthyBudget or AlwaysAllow: when unhealthy pods may be evicted.")]
    public string? UnhealthyPodEvictionPolicy { get; init; }
}

[Description("Observed state of a disruption budget.")]
public sealed record PodDisruptionBudgetStatus
{
    [Proto(1), Description("Generation this status was computed for.")]
    public long? ObservedGeneration { get; init; }

    [Proto(2), Description("Pods being evicted but not yet gone, with when eviction was approved.")]
    public Dictionary<string, DateTimeOffset>? DisruptedPods { get; init; }

    [Proto(3), RequiredField, Description("Evictions currently allowed.")]
    public int? DisruptionsAllowed { get; init; }

    [Proto(4), RequiredField, Description("Healthy pods now.")]
    public int? CurrentHealthy { get; init; }

    [Proto(5), RequiredField, Description("Healthy pods the budget requires.")]
    public int? DesiredHealthy { get; init; }

    [Proto(6), RequiredField, Description("Pods the budget counts.")]
    public int? ExpectedPods { get; init; }

    [Proto(7), Patch("merge", MergeKey = "type"), ListType("map", "type"), Description("Conditions such as DisruptionAllowed.")]
    public List<Condition>? Conditions { get; init; }
}
