using System.ComponentModel;
using KubeSharp.Api.Model.Core;

namespace KubeSharp.Api.Model.Apps;

[Kind("apps", "v1", "ReplicaSet")]
[Description("Keeps a fixed number of identical pods running.")]
public sealed record ReplicaSet : KubernetesObject
{
    [Proto(2), Description("How many pods to keep and what they look like.")]
    public ReplicaSetSpec? Spec { get; init; }
    [Proto(3), Description("Most recently observed state; written by the controller.")]
    public ReplicaSetStatus? Status { get; init; }
}

[Description("Desired state of a replica set.")]
public sealed record ReplicaSetSpec
{
    [Proto(1), Description("How many pods should run; unset means 1.")]
    public int? Replicas { get; init; }
    [Proto(4), Description("Seconds a new pod must stay ready before it counts as available.")]
    public int? MinReadySeconds { get; init; }
    [Proto(2), RequiredField, Description("Picks the pods this replica set counts; must match the template's labels.")]
    public LabelSelector? Selector { get; init; }
    [Proto(3), Description("Blueprint of the pods created when too few exist.")]
    public PodTemplateSpec? Template { get; init; }
}

[Description("Observed state of a replica set.")]
public sealed record ReplicaSetStatus
{
    [Proto(1), RequiredField, Description("Pods currently counted by the selector.")]
    public int? Replicas { get; init; }
    [Proto(2), Description("Pods whose labels match the template's labels.")]
    public int? FullyLabeledReplicas { get; init; }
    [Proto(4), Description("Pods whose Ready condition is true.")]
    public int? ReadyReplicas { get; init; }
    [Proto(5), Description("Pods that have been ready for at least minReadySeconds.")]
    public int? AvailableReplicas { get; init; }
    [Proto(3), Description("Generation of the replica set the controller last acted on.")]
    public long? ObservedGeneration { get; init; }
    [Proto(6), Patch("merge", MergeKey = "type"), ListType("map", "type"), Description("Latest observations of the replica set, one per condition type.")]
    public List<ReplicaSetCondition>? Conditions { get; init; }
}

[Description("One aspect of a replica set's state at a point in time.")]
public sealed record ReplicaSetCondition
{
    [Proto(1), RequiredField, Description("Kind of condition, such as ReplicaFailure.")]
    public string Type { get; init; } = "";
    [Proto(2), RequiredField, Description("True, False or Unknown.")]
    public string Status { get; init; } = "";
    [Proto(3), Description("When the status last flipped.")]
    public DateTimeOffset? LastTransitionTime { get; init; }
    [Proto(4), Description("Machine-readable cause of the last transition.")]
    public string? Reason { get; init; }
    [Proto(5), Description("Human-readable detail about the last transition.")]
    public string? Message { get; init; }
}

[Description("A page of ReplicaSet objects.")]
public sealed record ReplicaSetList : KubernetesList<ReplicaSet>;
