using System.ComponentModel;

namespace KubeSharp.Api.Model.Core;

[Kind("", "v1", "PersistentVolumeClaim"), Description("A request for storage that a pod can mount.")]
public sealed record PersistentVolumeClaim : KubernetesObject
{
    [Proto(2), Description("Storage requested by the claim.")]
    public PersistentVolumeClaimSpec? Spec { get; init; }

    [Proto(3), Description("Current state of the claim, set by the system.")]
    public PersistentVolumeClaimStatus? Status { get; init; }
}

[Description("A page of persistent volume claims.")]
public sealed record PersistentVolumeClaimList : KubernetesList<PersistentVolumeClaim>;

[Description("What storage a claim asks for.")]
public sealed record PersistentVolumeClaimSpec
{
    [Proto(1), ListType("atomic"), Description("Access modes the volume must support, e.g. ReadWriteOnce.")]
    public List<string>? AccessModes { get; init; }

    [Proto(4), Description("Label query over volumes that may bind to this claim.")]
    public LabelSelector? Selector { get; init; }

    [Proto(2), Description("Minimum (and optionally maximum) resources the volume must have.")]
    public VolumeResourceRequirements? Resources { get; init; }

    [Proto(3), Description("Name of the persistent volume bound to this claim.")]
    public string? VolumeName { get; init; }

    [Proto(5), Description("Storage class the claim wants; empty string means no class.")]
    public string? StorageClassName { get; init; }

    [Proto(6), Description("Filesystem or Block; Filesystem when unset.")]
    public string? VolumeMode { get; init; }

    [Proto(7), Description("Existing object (snapshot or claim) to populate the new volume from.")]
    public TypedLocalObjectReference? DataSource { get; init; }

    [Proto(8), Description("Object to populate the volume from, which may be any kind a populator handles.")]
    public TypedObjectReference? DataSourceRef { get; init; }

    [Proto(9), Description("VolumeAttributesClass the claim uses, for mutable volume attributes.")]
    public string? VolumeAttributesClassName { get; init; }
}

[Description("Observed state of a claim.")]
public sealed record PersistentVolumeClaimStatus
{
    [Proto(1), Description("Pending, Bound or Lost.")]
    public string? Phase { get; init; }

    [Proto(2), ListType("atomic"), Description("Access modes the bound volume actually has.")]
    public List<string>? AccessModes { get; init; }

    [Proto(3), Description("Actual resources of the bound volume.")]
    public Dictionary<string, Quantity>? Capacity { get; init; }

    [Proto(4), Patch("merge", MergeKey = "type"), ListType("map", "type"), Description("Current conditions of the claim, such as Resizing.")]
    public List<PersistentVolumeClaimCondition>? Conditions { get; init; }

    [Proto(5), Description("Resources allocated to the claim, which may exceed the request during a resize.")]
    public Dictionary<string, Quantity>? AllocatedResources { get; init; }

    [Proto(7), MapType("granular"), Description("Progress of resizing, per resource.")]
    public Dictionary<string, string>? AllocatedResourceStatuses { get; init; }

    [Proto(8), Description("VolumeAttributesClass currently applied to the volume.")]
    public string? CurrentVolumeAttributesClassName { get; init; }

    [Proto(9), Description("State of an ongoing volume attribute modification.")]
    public ModifyVolumeStatus? ModifyVolumeStatus { get; init; }
}

[Description("One condition of a persistent volume claim.")]
public sealed record PersistentVolumeClaimCondition
{
    [Proto(1), RequiredField, Description("Type of the condition.")]
    public string Type { get; init; } = "";

    [Proto(2), RequiredField, Description("True, False or Unknown.")]
    public string Status { get; init; } = "";

    [Proto(3), Description("When the condition was last checked.")]
    public DateTimeOffset? LastProbeTime { get; init; }

    [Proto(4), Description("When the condition last changed status.")]
    public DateTimeOffset? LastTransitionTime { get; init; }

    [Proto(5), Description("Short machine-readable reason in CamelCase.")]
    public string? Reason { get; init; }

    [Proto(6), Description("Human-readable details.")]
    public string? Message { get; init; }
}

[Description("State of a ControllerModifyVolume operation.")]
public sealed record ModifyVolumeStatus
{
    [Proto(1), Description("VolumeAttributesClass being applied.")]
    public string? TargetVolumeAttributesClassName { get; init; }

    [Proto(2), RequiredField, Description("Pending, InProgress or Infeasible.")]
    public string Status { get; init; } = "";
}

[Description("Storage resources a claim requests and may be limited to.")]
public sealed record VolumeResourceRequirements
{
    [Proto(1), Description("Maximum amount of each resource allowed.")]
    public Dictionary<string, Quantity>? Limits { get; init; }

    [Proto(2), Description("Minimum amount of each resource required.")]
    public Dictionary<string, Quantity>? Requests { get; init; }
}

[Description("Template for a claim that is created together with a pod.")]
public sealed record PersistentVolumeClaimTemplate
{
    [Proto(1), Description("Labels and annotations copied onto the created claim.")]
    public ObjectMeta? Metadata { get; init; }

    [Proto(2), RequiredField, Description("Spec of the created claim.")]
    public PersistentVolumeClaimSpec? Spec { get; init; }
}
