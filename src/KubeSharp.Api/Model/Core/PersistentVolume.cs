using System.ComponentModel;

namespace KubeSharp.Api.Model.Core;

[Kind("", "v1", "PersistentVolume"), Description("A piece of storage in the cluster that claims can bind to.")]
public sealed record PersistentVolume : KubernetesObject
{
    [Proto(2), Description("Description of the storage.")]
    public PersistentVolumeSpec? Spec { get; init; }

    [Proto(3), Description("Current state of the volume.")]
    public PersistentVolumeStatus? Status { get; init; }
}

[Description("A page of persistent volumes.")]
public sealed record PersistentVolumeList : KubernetesList<PersistentVolume>;

[Description("The storage a persistent volume provides; exactly one source is set.")]
public sealed record PersistentVolumeSpec
{
    [Proto(1), Description("Size and other resources of the volume.")]
    public Dictionary<string, Quantity>? Capacity { get; init; }

    [ProtoEmbedded(2, 1), Description("A GCE persistent disk (deprecated in-tree plugin).")]
    public GCEPersistentDiskVolumeSource? GCEPersistentDisk { get; init; }

    [ProtoEmbedded(2, 2), Description("An AWS EBS volume (deprecated in-tree plugin).")]
    public AWSElasticBlockStoreVolumeSource? AWSElasticBlockStore { get; init; }

    [ProtoEmbedded(2, 3), Description("A file or directory on the node.")]
    public HostPathVolumeSource? HostPath { get; init; }

    [ProtoEmbedded(2, 4), Description("A Glusterfs volume (removed plugin).")]
    public GlusterfsPersistentVolumeSource? Glusterfs { get; init; }

    [ProtoEmbedded(2, 5), Description("An NFS export.")]
    public NFSVolumeSource? NFS { get; init; }

    [ProtoEmbedded(2, 6), Description("A Ceph RBD image (deprecated).")]
    public RBDPersistentVolumeSource? RBD { get; init; }

    [ProtoEmbedded(2, 7), Description("An iSCSI disk.")]
    public ISCSIPersistentVolumeSource? ISCSI { get; init; }

    [ProtoEmbedded(2, 8), Description("An OpenStack Cinder volume (deprecated in-tree plugin).")]
    public CinderPersistentVolumeSource? Cinder { get; init; }

    [ProtoEmbedded(2, 9), Description("A CephFS mount (deprecated).")]
    public CephFSPersistentVolumeSource? Cephfs { get; init; }

    [ProtoEmbedded(2, 10), Description("A Fibre Channel disk.")]
    public FCVolumeSource? FC { get; init; }

    [ProtoEmbedded(2, 11), Description("A Flocker dataset (removed plugin).")]
    public FlockerVolumeSource? Flocker { get; init; }

    [ProtoEmbedded(2, 12), Description("A volume provided by a FlexVolume driver (deprecated).")]
    public FlexPersistentVolumeSource? FlexVolume { get; init; }

    [ProtoEmbedded(2, 13), Description("An Azure File share (deprecated in-tree plugin).")]
    public AzureFilePersistentVolumeSource? AzureFile { get; init; }

    [ProtoEmbedded(2, 14), Description("A vSphere volume (deprecated in-tree plugin).")]
    public VsphereVirtualDiskVolumeSource? VsphereVolume { get; init; }

    [ProtoEmbedded(2, 15), Description("A Quobyte volume (removed plugin).")]
    public QuobyteVolumeSource? Quobyte { get; init; }

    [ProtoEmbedded(2, 16), Description("An Azure data disk (deprecated in-tree plugin).")]
    public AzureDiskVolumeSource? AzureDisk { get; init; }

    [ProtoEmbedded(2, 17), Description("A Photon Controller disk (removed plugin).")]
    public PhotonPersistentDiskVolumeSource? PhotonPersistentDisk { get; init; }

    [ProtoEmbedded(2, 18), Description("A Portworx volume (deprecated in-tree plugin).")]
    public PortworxVolumeSource? PortworxVolume { get; init; }

    [ProtoEmbedded(2, 19), Description("A ScaleIO volume (removed plugin).")]
    public ScaleIOPersistentVolumeSource? ScaleIO { get; init; }

    [ProtoEmbedded(2, 20), Description("A local disk, partition or directory on the node.")]
    public LocalVolumeSource? Local { get; init; }

    [ProtoEmbedded(2, 21), Description("A StorageOS volume (removed plugin).")]
    public StorageOSPersistentVolumeSource? Storageos { get; init; }

    [ProtoEmbedded(2, 22), Description("An ephemeral volume from a CSI driver.")]
    public CSIPersistentVolumeSource? CSI { get; init; }

    [Proto(3), ListType("atomic"), Description("Ways the volume can be mounted.")]
    public List<string>? AccessModes { get; init; }

    [Proto(4), MapType("granular"), Description("Claim the volume is bound to.")]
    public ObjectReference? ClaimRef { get; init; }

    [Proto(5), Description("Retain, Delete or Recycle: what happens when the claim goes away.")]
    public string? PersistentVolumeReclaimPolicy { get; init; }

    [Proto(6), Description("Storage class the volume belongs to.")]
    public string? StorageClassName { get; init; }

    [Proto(7), ListType("atomic"), Description("Mount options, passed through unchecked.")]
    public List<string>? MountOptions { get; init; }

    [Proto(8), Description("Filesystem or Block.")]
    public string? VolumeMode { get; init; }

    [Proto(9), Description("Nodes from which the volume is reachable.")]
    public VolumeNodeAffinity? NodeAffinity { get; init; }

    [Proto(10), Description("VolumeAttributesClass the volume belongs to.")]
    public string? VolumeAttributesClassName { get; init; }
}

[Description("Observed state of a persistent volume.")]
public sealed record PersistentVolumeStatus
{
    [Proto(1), Description("Pending, Available, Bound, Released or Failed.")]
    public string? Phase { get; init; }

    [Proto(2), Description("Why the volume is in its phase.")]
    public string? Message { get; init; }

    [Proto(3), Description("Short reason for a failure.")]
    public string? Reason { get; init; }

    [Proto(4), Description("When the volume last changed phase.")]
    public DateTimeOffset? LastPhaseTransitionTime { get; init; }
}

[Description("Nodes a volume can be used from.")]
public sealed record VolumeNodeAffinity
{
    [Proto(1), Description("Node selector the using node must match.")]
    public NodeSelector? Required { get; init; }
}

[Description("Local storage directly attached to a node.")]
public sealed record LocalVolumeSource
{
    [Proto(1), RequiredField, Description("Full path of the disk, partition or directory on the node.")]
    public string Path { get; init; } = "";

    [Proto(2), Description("Filesystem type, for block devices only.")]
    public string? FSType { get; init; }
}

[Description("A persistent volume managed by a CSI driver.")]
public sealed record CSIPersistentVolumeSource
{
    [Proto(1), RequiredField, Description("Name of the CSI driver.")]
    public string Driver { get; init; } = "";

    [Proto(2), RequiredField, Description("ID of the volume returned by the driver.")]
    public string VolumeHandle { get; init; } = "";

    [Proto(3), Description("Publish the volume read-only.")]
    public bool? ReadOnly { get; init; }

    [Proto(4), Description("Filesystem type to mount, such as ext4 or xfs.")]
    public string? FSType { get; init; }

    [Proto(5), Description("Driver-specific properties.")]
    public Dictionary<string, string>? VolumeAttributes { get; init; }

    [Proto(6), Description("Secret for ControllerPublishVolume and ControllerUnpublishVolume.")]
    public SecretReference? ControllerPublishSecretRef { get; init; }

    [Proto(7), Description("Secret for NodeStageVolume and NodeUnstageVolume.")]
    public SecretReference? NodeStageSecretRef { get; init; }

    [Proto(8), Description("Secret for NodePublishVolume and NodeUnpublishVolume.")]
    public SecretReference? NodePublishSecretRef { get; init; }

    [Proto(9), Description("Secret for ControllerExpandVolume.")]
    public SecretReference? ControllerExpandSecretRef { get; init; }

    [Proto(10), Description("Secret for NodeExpandVolume.")]
    public SecretReference? NodeExpandSecretRef { get; init; }
}
