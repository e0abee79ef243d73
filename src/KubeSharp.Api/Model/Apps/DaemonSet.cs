using System.ComponentModel;
using KubeSharp.Api.Model.Core;

namespace KubeSharp.Api.Model.Apps;

[Kind("apps", "v1", "DaemonSet")]
[Description("Runs one copy of a pod on every eligible node.")]
public sealed record DaemonSet : KubernetesObject
{
    [Proto(2), Description("The pod to run on each node and how it is updated.")]
    public DaemonSetSpec? Spec { get; init; }
    [Proto(3), Description("Most recently observed state; written by the controller.")]
    public DaemonSetStatus? Status { get; init; }
}

[Description("Desired state of a daemon set.")]
public sealed record DaemonSetSpec
{
    [Proto(1), RequiredField, Description("Picks the pods this daemon set owns; must match the template's labels.")]
    public LabelSelector? Selector { get; init; }
    [Proto(2), RequiredField, Description("Blueprint of the pod placed on each node.")]
    public PodTemplateSpec? Template { get; init; }
    [Proto(3), Description("How pods are replaced when the template changes.")]
    public DaemonSetUpdateStrategy? UpdateStrategy { get; init; }
    [Proto(4), Description("Seconds a new pod must stay ready before it counts as available.")]
    public int? MinReadySeconds { get; init; }
    [Proto(6), Description("How many old revisions to keep; unset means 10.")]
    public int? RevisionHistoryLimit { get; init; }
}

[Description("How a daemon set replaces its pods after a template change.")]
public sealed record DaemonSetUpdateStrategy
{
    [Proto(1), Description("RollingUpdate or OnDelete; unset means RollingUpdate.")]
    public string? Type { get; init; }
    [Proto(2), Description("Tuning for RollingUpdate.")]
    public RollingUpdateDaemonSet? RollingUpdate { get; init; }
}

[Description("Bounds on a daemon set's rolling update.")]
public sealed record RollingUpdateDaemonSet
{
    [Proto(1), Description("Nodes whose pod may be unavailable during the update, as a number or a percentage; unset means 1.")]
    public IntOrString? MaxUnavailable { get; init; }
    [Proto(2), Description("Nodes that may briefly run an old and a new pod side by side, as a number or a percentage; unset means 0.")]
    public IntOrString? MaxSurge { get; init; }
}

[Description("Observed state of a daemon set.")]
public sealed record DaemonSetStatus
{
    [Proto(1), RequiredField, Description("Nodes running at least one daemon pod that should run one.")]
    public int? CurrentNumberScheduled { get; init; }
    [Proto(2), RequiredField, Description("Nodes running a daemon pod that should not run one.")]
    public int? NumberMisscheduled { get; init; }
    [Proto(3), RequiredField, Description("Nodes that should run a daemon pod.")]
    public int? DesiredNumberScheduled { get; init; }
    [Proto(4), RequiredField, Description("Nodes whose daemon pod is ready.")]
    public int? NumberReady { get; init; }
    [Proto(5), Description("Generation of the daemon set the controller last acted on.")]
    public long? ObservedGeneration { get; init; }
    [Proto(6), Description("Nodes running a pod of the current template.")]
    public int? UpdatedNumberScheduled { get; init; }
    [Proto(7), Description("Nodes whose daemon pod has been ready for at least minReadySeconds.")]
    public int? NumberAvailable { get; init; }
    [Proto(8), Description("Nodes that should run an available daemon pod but do not.")]
    public int? NumberUnavailable { get; init; }
    [Proto(9), Description("Bumped when revision names collide, to make the next generated name unique.")]
    public int? CollisionCount { get; init; }
    [Proto(10), Patch("merge", MergeKey = "type"), ListType("map", "type"), Description("Latest observations of the daemon set, one per condition type.")]
    public List<DaemonSetCondition>? Conditions { get; init; }
}

[Description("One aspect of a daemon set's state at a point in time.")]
public sealed record DaemonSetCondition
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

[Description("A page of DaemonSet objects.")]
public sealed record DaemonSetList : KubernetesList<DaemonSet>;
