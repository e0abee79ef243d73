using System.ComponentModel;
using KubeSharp.Api.Model.Core;

namespace KubeSharp.Api.Model.Apps;

[Kind("apps", "v1", "Deployment")]
[Description("Declares a desired set of identical pods and rolls changes out to them through replica sets.")]
public sealed record Deployment : KubernetesObject
{
    [Proto(2), Description("What the deployment should run and how updates are rolled out.")]
    public DeploymentSpec? Spec { get; init; }
    [Proto(3), Description("Most recently observed state of the rollout; written by the controller.")]
    public DeploymentStatus? Status { get; init; }
}

[Description("Desired state of a deployment.")]
public sealed record DeploymentSpec
{
    [Proto(1), Description("How many pods should run; unset means 1.")]
    public int? Replicas { get; init; }
    [Proto(2), RequiredField, Description("Picks the pods this deployment manages; must match the template's labels and cannot change later.")]
    public LabelSelector? Selector { get; init; }
    [Proto(3), RequiredField, Description("Blueprint of the pods to create.")]
    public PodTemplateSpec? Template { get; init; }
    [Proto(4), Patch("retainKeys"), Description("How old pods are replaced by new ones.")]
    public DeploymentStrategy? Strategy { get; init; }
    [Proto(5), Description("Seconds a new pod must stay ready, with no container crashing, before it counts as available.")]
    public int? MinReadySeconds { get; init; }
    [Proto(6), Description("How many superseded replica sets to keep for rollback; unset means 10.")]
    public int? RevisionHistoryLimit { get; init; }
    [Proto(7), Description("When true, template changes are not rolled out until the deployment is resumed.")]
    public bool? Paused { get; init; }
    [Proto(9), Description("Seconds a rollout may go without progress before it is reported as failed; unset means 600.")]
    public int? ProgressDeadlineSeconds { get; init; }
}

[Description("The way a deployment swaps old pods for new ones.")]
public sealed record DeploymentStrategy
{
    [Proto(1), Description("Recreate or RollingUpdate; unset means RollingUpdate.")]
    public string? Type { get; init; }
    [Proto(2), Description("Tuning for RollingUpdate; only allowed with that type.")]
    public RollingUpdateDeployment? RollingUpdate { get; init; }
}

[Description("Bounds on how far a rolling update may dip below or rise above the desired replica count.")]
public sealed record RollingUpdateDeployment
{
    [Proto(1), Description("Pods that may be unavailable during the update, as a number or a percentage rounded down; unset means 25%.")]
    public IntOrString? MaxUnavailable { get; init; }
    [Proto(2), Description("Extra pods that may exist above the desired count during the update, as a number or a percentage rounded up; unset means 25%.")]
    public IntOrString? MaxSurge { get; init; }
}

[Description("Observed state of a deployment.")]
public sealed record DeploymentStatus
{
    [Proto(1), Description("Generation of the deployment the controller last acted on.")]
    public long? ObservedGeneration { get; init; }
    [Proto(2), Description("Pods, old and new, that are not terminating.")]
    public int? Replicas { get; init; }
    [Proto(3), Description("Non-terminating pods that already run the current template.")]
    public int? UpdatedReplicas { get; init; }
    [Proto(7), Description("Pods whose Ready condition is true.")]
    public int? ReadyReplicas { get; init; }
    [Proto(4), Description("Pods that have been ready for at least minReadySeconds.")]
    public int? AvailableReplicas { get; init; }
    [Proto(5), Description("Pods still needed to reach full availability.")]
    public int? UnavailableReplicas { get; init; }
    [Proto(6), Patch("merge", MergeKey = "type"), ListType("map", "type"), Description("Latest observations of the rollout, one per condition type.")]
    public List<DeploymentCondition>? Conditions { get; init; }
    [Proto(8), Description("Bumped when replica set names collide, to make the next generated name unique.")]
    public int? CollisionCount { get; init; }
}

[Description("One aspect of a deployment's state at a point in time.")]
public sealed record DeploymentCondition
{
    [Proto(1), RequiredField, Description("Available, Progressing or ReplicaFailure.")]
    public string Type { get; init; } = "";
    [Proto(2), RequiredField, Description("True, False or Unknown.")]
    public string Status { get; init; } = "";
    [Proto(6), Description("When the condition was last refreshed.")]
    public DateTimeOffset? LastUpdateTime { get; init; }
    [Proto(7), Description("When the status last flipped.")]
    public DateTimeOffset? LastTransitionTime { get; init; }
    [Proto(4), Description("Machine-readable cause of the last transition.")]
    public string? Reason { get; init; }
    [Proto(5), Description("Human-readable detail about the last transition.")]
    public string? Message { get; init; }
}

[Description("A page of Deployment objects.")]
public sealed record DeploymentList : KubernetesList<Deployment>;
