using System.ComponentModel;
using KubeSharp.Api.Model.Core;

namespace KubeSharp.Api.Model.Apps;

[Kind("apps", "v1", "StatefulSet")]
[Description("Runs pods with stable names, ordinals and per-pod storage.")]
public sealed record StatefulSet : KubernetesObject
{
    [Proto(2), Description("The pods, their storage and how they are updated.")]
    public StatefulSetSpec? Spec { get; init; }
    [Proto(3), Description("Most recently observed state; written by the controller.")]
    public StatefulSetStatus? Status { get; init; }
}

[Description("Desired state of a stateful set.")]
public sealed record StatefulSetSpec
{
    [Proto(1), Description("How many ordinal pods should run; unset means 1.")]
    public int? Replicas { get; init; }
    [Proto(2), RequiredField, Description("Picks the pods this set owns; must match the template's labels.")]
    public LabelSelector? Selector { get; init; }
    [Proto(3), RequiredField, Description("Blueprint of every pod; each pod's name carries its ordinal.")]
    public PodTemplateSpec? Template { get; init; }
    [Proto(4), ListType("atomic"), Description("Claims created once per pod and mounted by the volume of the same name.")]
    public List<PersistentVolumeClaim>? VolumeClaimTemplates { get; init; }
    [Proto(5), RequiredField, Description("Headless service that gives the pods their network identity.")]
    public string ServiceName { get; init; } = "";
    [Proto(6), Description("OrderedReady starts and stops pods one at a time in ordinal order; Parallel does not wait.")]
    public string? PodManagementPolicy { get; init; }
    [Proto(7), Description("How pods are replaced when the template changes.")]
    public StatefulSetUpdateStrategy? UpdateStrategy { get; init; }
    [Proto(8), Description("How many old revisions to keep; unset means 10.")]
    public int? RevisionHistoryLimit { get; init; }
    [Proto(9), Description("Seconds a new pod must stay ready before it counts as available.")]
    public int? MinReadySeconds { get; init; }
    [Proto(10), Description("Whether claims made from the templates are deleted with the set or when it scales down.")]
    public StatefulSetPersistentVolumeClaimRetentionPolicy? PersistentVolumeClaimRetentionPolicy { get; init; }
    [Proto(11), Description("Where pod ordinal numbering starts.")]
    public StatefulSetOrdinals? Ordinals { get; init; }
}

[Description("How a stateful set replaces its pods after a template change.")]
public sealed record StatefulSetUpdateStrategy
{
    [Proto(1), Description("RollingUpdate or OnDelete; unset means RollingUpdate.")]
    public string? Type { get; init; }
    [Proto(2), Description("Tuning for RollingUpdate.")]
    public RollingUpdateStatefulSetStrategy? RollingUpdate { get; init; }
}

[Description("Tuning of a stateful set's rolling update.")]
public sealed record RollingUpdateStatefulSetStrategy
{
    [Proto(1), Description("Only pods with an ordinal at or above this number are updated; unset means 0.")]
    public int? Partition { get; init; }
    [Proto(2), Description("Pods that may be unavailable during the update, as a number or a percentage; unset means 1.")]
    public IntOrString? MaxUnavailable { get; init; }
}

[Description("What happens to template-made claims when the set is deleted or scaled down.")]
public sealed record StatefulSetPersistentVolumeClaimRetentionPolicy
{
    [Proto(1), Description("Retain or Delete, applied when the stateful set is deleted; unset means Retain.")]
    public string? WhenDeleted { get; init; }
    [Proto(2), Description("Retain or Delete, applied to claims of pods removed by scaling down; unset means Retain.")]
    public string? WhenScaled { get; init; }
}

[Description("How pod ordinals are numbered.")]
public sealed record StatefulSetOrdinals
{
    [Proto(1), Description("First ordinal; pods are numbered from here up to start + replicas - 1. Unset means 0.")]
    public int? Start { get; init; }
}

[Description("Observed state of a stateful set.")]
public sealed record StatefulSetStatus
{
    [Proto(1), Description("Generation of the stateful set the controller last acted on.")]
    public long? ObservedGeneration { get; init; }
    [Proto(2), RequiredField, Description("Pods the controller has created.")]
    public int? Replicas { get; init; }
    [Proto(3), Description("Pods whose Ready condition is true.")]
    public int? ReadyReplicas { get; init; }
    [Proto(4), Description("Pods running the revision named by currentRevision.")]
    public int? CurrentReplicas { get; init; }
    [Proto(5), Description("Pods running the revision named by updateRevision.")]
    public int? UpdatedReplicas { get; init; }
    [Proto(6), Description("Revision that pods below the update partition run.")]
    public string? CurrentRevision { get; init; }
    [Proto(7), Description("Revision generated from the current template.")]
    public string? UpdateRevision { get; init; }
    [Proto(9), Description("Bumped when revision names collide, to make the next generated name unique.")]
    public int? CollisionCount { get; init; }
    [Proto(10), Patch("merge", MergeKey = "type"), ListType("map", "type"), Description("Latest observations of the stateful set, one per condition type.")]
    public List<StatefulSetCondition>? Conditions { get; init; }
    [Proto(11), Description("Pods that have been ready for at least minReadySeconds.")]
    public int? AvailableReplicas { get; init; }
}

[Description("One aspect of a stateful set's state at a point in time.")]
public sealed record StatefulSetCondition
{
    [Proto(1), RequiredField, Description("Kind of condition.")]
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

[Description("A page of StatefulSet objects.")]
public sealed record StatefulSetList : KubernetesList<StatefulSet>;
