using System.ComponentModel;

namespace KubeSharp.Api.Model.Storage;

[Kind("storage.k8s.io", "v1", "CSIDriver")]
[Description("Describes a CSI volume driver installed in the cluster and how Kubernetes should call it.")]
public sealed record CSIDriver : KubernetesObject
{
    [Proto(2), RequiredField, Description("How the driver behaves.")]
    public CSIDriverSpec? Spec { get; init; }
}

[Description("Capabilities and requirements of a CSI driver.")]
public sealed record CSIDriverSpec
{
    [Proto(1), Description("Whether volumes must be attached to a node before mounting; unset means true.")]
    public bool? AttachRequired { get; init; }
    [Proto(2), Description("Whether mount calls receive pod details (name, namespace, UID, service account).")]
    public bool? PodInfoOnMount { get; init; }
    [Proto(3), ListType("set"), Description("Persistent and/or Ephemeral: the volume kinds the driver supports; unset means Persistent.")]
    public List<string>? VolumeLifecycleModes { get; init; }
    [Proto(4), Description("Whether the scheduler should consider storage capacity the driver reports.")]
    public bool? StorageCapacity { get; init; }
    [Proto(5), Description("None, File or ReadWriteOnceWithFSType: when the volume's ownership is changed to the pod's fsGroup.")]
    public string? FsGroupPolicy { get; init; }
    [Proto(6), ListType("atomic"), Description("Service account tokens passed to the driver at mount time, by audience.")]
    public List<TokenRequest>? TokenRequests { get; init; }
    [Proto(7), Description("Whether mounts are repeated periodically, e.g. to refresh tokens.")]
    public bool? RequiresRepublish { get; init; }
    [Proto(8), Description("Whether the driver supports mounting with an SELinux context option.")]
    public bool? SeLinuxMount { get; init; }
}

[Description("A service account token the driver wants.")]
public sealed record TokenRequest
{
    [Proto(1), RequiredField, Description("Audience the token is issued for.")]
    public string Audience { get; init; } = "";
    [Proto(2), Description("How long the token stays valid, in seconds.")]
    public long? ExpirationSeconds { get; init; }
}

[Description("A page of CSIDriver objects.")]
public sealed record CSIDriverList : KubernetesList<CSIDriver>;
