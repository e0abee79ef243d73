using System.ComponentModel;
using KubeSharp.Api.Model.Core;

namespace KubeSharp.Api.Model.Storage;

[Kind("storage.k8s.io", "v1", "VolumeAttachment")]
[Description("Records the wish to attach a volume to a node, and whether that has happened.")]
public sealed record VolumeAttachment : KubernetesObject
{
    [Proto(2), RequiredField, Description("Which volume, which node and which attacher.")]
    public VolumeAttachmentSpec? Spec { get; init; }
    [Proto(3), Description("Outcome of attaching or detaching; written by the attacher.")]
    public VolumeAttachmentStatus? Status { get; init; }
}

[Description("Desired attachment of a volume to a node.")]
public sealed record VolumeAttachmentSpec
{
    [Proto(1), RequiredField, Description("Name of the driver that must attach the volume.")]
    public string Attacher { get; init; } = "";
    [Proto(2), RequiredField, Description("The volume to attach.")]
    public VolumeAttachmentSource? Source { get; init; }
    [Proto(3), RequiredField, Description("Node the volume is attached to.")]
    public string NodeName { get; init; } = "";
}

[Description("The volume to attach: a persistent volume by name, or an inline volume spec.")]
public sealed record VolumeAttachmentSource
{
    [Proto(1), Description("Name of the persistent volume.")]
    public string? PersistentVolumeName { get; init; }
    [Proto(2), Description("Spec of an inline CSI volume translated from a pod.")]
    public PersistentVolumeSpec? InlineVolumeSpec { get; init; }
}

[Description("Observed state of a volume attachment.")]
public sealed record VolumeAttachmentStatus
{
    [Proto(1), RequiredField, Description("Whether the volume is attached.")]
    public bool? Attached { get; init; }
    [Proto(2), Description("Details from a successful attach, passed on to the mount step.")]
    public Dictionary<string, string>? AttachmentMetadata { get; init; }
    [Proto(3), Description("Last error from attaching, if any.")]
    public VolumeError? AttachError { get; init; }
    [Proto(4), Description("Last error from detaching, if any.")]
    public VolumeError? DetachError { get; init; }
}

[Description("An error seen while attaching or detaching a volume.")]
public sealed record VolumeError
{
    [Proto(1), Description("When the error happened.")]
    public DateTimeOffset? Time { get; init; }
    [Proto(2), Description("What went wrong; may be shown to users.")]
    public string? Message { get; init; }
}

[Description("A page of VolumeAttachment objects.")]
public sealed record VolumeAttachmentList : KubernetesList<VolumeAttachment>;
