using System.ComponentModel;

namespace KubeSharp.Api.Model.Core;

[Kind("", "v1", "ReplicationController"), Description("Keeps a number of identical pods running (the predecessor of ReplicaSet).")]
public sealed record ReplicationController : KubernetesObject
{
    [Proto(2), Description("Desired replicas and their template.")]
    public ReplicationControllerSpec? Spec { get; init; }

    [Proto(3), Description("Observed replica counts.")]
    public ReplicationControllerStatus? Status { get; init; }
}

[Description("A page of replication controllers.")]
public sealed record ReplicationControllerList : KubernetesList<ReplicationController>;

[Description("Desired state of a replication controller.")]
public sealed record ReplicationControllerSpec
{
    [Proto(1), Description("Desired number of pods; 1 when unset.")]
    public int? Replicas { get; init; }

    [Proto(4), Description("Seconds a new pod must be ready to count as available.")]
    public int? MinReadySeconds { get; init; }

    [Proto(2), MapType("atomic"), Description("Labels of the pods it manages; the template labels when unset.")]
    public Dictionary<string, string>? Selector { get; init; }

    [Proto(3), Description("Template of the pods it creates.")]
    public PodTemplateSpec? Template { get; init; }
}

[Description("Observed state of a replication controller.")]
public sealed record ReplicationControllerStatus
{
    [Proto(1), RequiredField, Description("Number of pods it currently manages.")]
    public int? Replicas { get; init; }

    [Proto(2), Description("Pods whose labels match the template's.")]
    public int? FullyLabeledReplicas { get; init; }

    [Proto(4), Description("Pods that are ready.")]
    public int? ReadyReplicas { get; init; }

    [Proto(5), Description("Pods ready for at least minReadySeconds.")]
    public int? AvailableReplicas { get; init; }

    [Proto(3), Description("Most recent generation the controller has acted on.")]
    public long? ObservedGeneration { get; init; }

    [Proto(6), Patch("merge", MergeKey = "type"), ListType("map", "type"), Description("Current conditions of the controller.")]
    public List<ReplicationControllerCondition>? Conditions { get; init; }
}

[Description("One condition of a replication controller.")]
public sealed record ReplicationControllerCondition
{
    [Proto(1), RequiredField, Description("Type of the condition.")]
    public string Type { get; init; } = "";

    [Proto(2), RequiredField, Description("True, False or Unknown.")]
    public string Status { get; init; } = "";

    [Proto(3), Description("When the condition last changed status.")]
    public DateTimeOffset? LastTransitionTime { get; init; }

    [Proto(4), Description("Short machine-readable reason in CamelCase.")]
    public string? Reason { get; init; }

    [Proto(5), Description("Human-readable details.")]
    public string? Message { get; init; }
}
