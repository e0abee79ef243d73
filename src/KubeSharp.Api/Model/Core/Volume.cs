using System.ComponentModel;

namespace KubeSharp.Api.Model.Core;

[Description("A named volume the pod's containers can mount; exactly one source is set.")]
public sealed record Volume
{
    [Proto(1), RequiredField, Description("Name of the volume, unique within the pod.")]
    public string Name { get; init; } = "";

    [ProtoEmbedded(2, 1), Description("A file or directory on the node.")]
    public HostPathVolumeSource? HostPath { get; init; }

    [ProtoEmbedded(2, 2), Description("A scratch directory that lives as long as the pod.")]
    public EmptyDirVolumeSource? EmptyDir { get; init; }

    [ProtoEmbedded(2, 3), Description("A GCE persistent disk (deprecated in-tree plugin).")]
    public GCEPersistentDiskVolumeSource? GCEPersistentDisk { get; init; }

    [ProtoEmbedded(2, 4), Description("An AWS EBS volume (deprecated in-tree plugin).")]
    public AWSElasticBlockStoreVolumeSource? AWSElasticBlockStore { get; init; }

    [ProtoEmbedded(2, 5), Description("A directory cloned from a git repository (deprecated).")]
    public GitRepoVolumeSource? GitRepo { get; init; }

    [ProtoEmbedded(2, 6), Description("The keys of a Secret as files.")]
    public SecretVolumeSource? Secret { get; init; }

    [ProtoEmbedded(2, 7), Description("An NFS export.")]
    public NFSVolumeSource? NFS { get; init; }

    [ProtoEmbedded(2, 8), Description("An iSCSI disk.")]
    public ISCSIVolumeSource? ISCSI { get; init; }

    [ProtoEmbedded(2, 9), Description("A Glusterfs volume (removed plugin).")]
    public GlusterfsVolumeSource? Glusterfs { get; init; }

    [ProtoEmbedded(2, 10), Description("The volume bound to a claim in the same namespace.")]
    public PersistentVolumeClaimVolumeSource? PersistentVolumeClaim { get; init; }

    [ProtoEmbedded(2, 11), Description("A Ceph RBD image (deprecated).")]
    public RBDVolumeSource? RBD { get; init; }

    [ProtoEmbedded(2, 12), Description("A volume provided by a FlexVolume driver (deprecated).")]
    public FlexVolumeSource? FlexVolume { get; init; }

    [ProtoEmbedded(2, 13), Description("An OpenStack Cinder volume (deprecated in-tree plugin).")]
    public CinderVolumeSource? Cinder { get; init; }

    [ProtoEmbedded(2, 14), Description("A CephFS mount (deprecated).")]
    public CephFSVolumeSource? Cephfs { get; init; }

    [ProtoEmbedded(2, 15), Description("A Flocker dataset (removed plugin).")]
    public FlockerVolumeSource? Flocker { get; init; }

    [ProtoEmbedded(2, 16), Description("Pod fields and resources as files.")]
    public DownwardAPIVolumeSource? DownwardAPI { get; init; }

    [ProtoEmbedded(2, 17), Description("A Fibre Channel disk.")]
    public FCVolumeSource? FC { get; init; }

    [ProtoEmbedded(2, 18), Description("An Azure File share (deprecated in-tree plugin).")]
    public AzureFileVolumeSource? AzureFile { get; init; }

    [ProtoEmbedded(2, 19), Description("The keys of a ConfigMap as files.")]
    public ConfigMapVolumeSource? ConfigMap { get; init; }

    [ProtoEmbedded(2, 20), Description("A vSphere volume (deprecated in-tree plugin).")]
    public VsphereVirtualDiskVolumeSource? VsphereVolume { get; init; }

    [ProtoEmbedded(2, 21), Description("A Quobyte volume (removed plugin).")]
    public QuobyteVolumeSource? Quobyte { get; init; }

    [ProtoEmbedded(2, 22), Description("An Azure data disk (deprecated in-tree plugin).")]
    public AzureDiskVolumeSource? AzureDisk { get; init; }

    [ProtoEmbedded(2, 23), Description("A Photon Controller disk (removed plugin).")]
    public PhotonPersistentDiskVolumeSource? PhotonPersistentDisk { get; init; }

    [ProtoEmbedded(2, 26), Description("Several sources projected into one directory.")]
    public ProjectedVolumeSource? Projected { get; init; }

    [ProtoEmbedded(2, 24), Description("A Portworx volume (deprecated in-tree plugin).")]
    public PortworxVolumeSource? PortworxVolume { get; init; }

    [ProtoEmbedded(2, 25), Description("A ScaleIO volume (removed plugin).")]
    public ScaleIOVolumeSource? ScaleIO { get; init; }

    [ProtoEmbedded(2, 27), Description("A StorageOS volume (removed plugin).")]
    public StorageOSVolumeSource? Storageos { get; init; }

    [ProtoEmbedded(2, 28), Description("An ephemeral volume from a CSI driver.")]
    public CSIVolumeSource? CSI { get; init; }

    [ProtoEmbedded(2, 29), Description("A claim created with the pod and deleted with it.")]
    public EphemeralVolumeSource? Ephemeral { get; init; }

    [ProtoEmbedded(2, 30), Description("An OCI image or artifact mounted read-only.")]
    public ImageVolumeSource? Image { get; init; }
}

[Description("A scratch directory created empty for the pod.")]
public sealed record EmptyDirVolumeSource
{
    [Proto(1), Description("Storage medium: empty for the node's default, or Memory for tmpfs.")]
    public string? Medium { get; init; }

    [Proto(2), Description("Most storage the directory may use.")]
    public Quantity? SizeLimit { get; init; }
}

[Description("A path on the node's filesystem.")]
public sealed record HostPathVolumeSource
{
    [Proto(1), RequiredField, Description("Path on the node.")]
    public string Path { get; init; } = "";

    [Proto(2), Description("What must exist at the path, e.g. Directory, DirectoryOrCreate, File or Socket.")]
    public string? Type { get; init; }
}

[Description("A ConfigMap's keys projected as files.")]
public sealed record ConfigMapVolumeSource
{
    [ProtoEmbedded(1, 1), Description("Name of the ConfigMap.")]
    public string? Name { get; init; }

    [Proto(2), ListType("atomic"), Description("Which keys to project, and the file paths to use for them.")]
    public List<KeyToPath>? Items { get; init; }

    [Proto(3), Description("Default permission bits of the created files, such as 0644.")]
    public int? DefaultMode { get; init; }

    [Proto(4), Description("Tolerate a missing ConfigMap or keys.")]
    public bool? Optional { get; init; }
}

[Description("A Secret's keys projected as files.")]
public sealed record SecretVolumeSource
{
    [Proto(1), Description("Name of the Secret in the pod's namespace.")]
    public string? SecretName { get; init; }

    [Proto(2), ListType("atomic"), Description("Which keys to project, and the file paths to use for them.")]
    public List<KeyToPath>? Items { get; init; }

    [Proto(3), Description("Default permission bits of the created files, such as 0644.")]
    public int? DefaultMode { get; init; }

    [Proto(4), Description("Tolerate a missing Secret or keys.")]
    public bool? Optional { get; init; }
}

[Description("Maps one key to a file path.")]
public sealed record KeyToPath
{
    [Proto(1), RequiredField, Description("Key to project.")]
    public string Key { get; init; } = "";

    [Proto(2), RequiredField, Description("Relative file path to write the value to.")]
    public string Path { get; init; } = "";

    [Proto(3), Description("Permission bits of this file.")]
    public int? Mode { get; init; }
}

[Description("Pod information projected as files.")]
public sealed record DownwardAPIVolumeSource
{
    [Proto(1), ListType("atomic"), Description("Files to create.")]
    public List<DownwardAPIVolumeFile>? Items { get; init; }

    [Proto(2), Description("Default permission bits of the created files, such as 0644.")]
    public int? DefaultMode { get; init; }
}

[Description("One file with pod information.")]
public sealed record DownwardAPIVolumeFile
{
    [Proto(1), RequiredField, Description("Relative file path.")]
    public string Path { get; init; } = "";

    [Proto(2), Description("Pod field to write.")]
    public ObjectFieldSelector? FieldRef { get; init; }

    [Proto(3), Description("Container resource request or limit to write.")]
    public ResourceFieldSelector? ResourceFieldRef { get; init; }

    [Proto(4), Description("Permission bits of this file.")]
    public int? Mode { get; init; }
}

[Description("Uses the volume bound to a claim.")]
public sealed record PersistentVolumeClaimVolumeSource
{
    [Proto(1), RequiredField, Description("Name of the claim in the pod's namespace.")]
    public string ClaimName { get; init; } = "";

    [Proto(2), Description("Force the mount to be read-only.")]
    public bool? ReadOnly { get; init; }
}

[Description("An NFS mount.")]
public sealed record NFSVolumeSource
{
    [Proto(1), RequiredField, Description("NFS server host or IP.")]
    public string Server { get; init; } = "";

    [Proto(2), RequiredField, Description("Exported path.")]
    public string Path { get; init; } = "";

    [Proto(3), Description("Mount the export read-only.")]
    public bool? ReadOnly { get; init; }
}

[Description("An inline ephemeral volume from a CSI driver.")]
public sealed record CSIVolumeSource
{
    [Proto(1), RequiredField, Description("Name of the CSI driver.")]
    public string Driver { get; init; } = "";

    [Proto(2), Description("Mount the volume read-only when true.")]
    public bool? ReadOnly { get; init; }

    [Proto(3), Description("Filesystem type to mount, such as ext4 or xfs.")]
    public string? FSType { get; init; }

    [Proto(4), Description("Driver-specific properties.")]
    public Dictionary<string, string>? VolumeAttributes { get; init; }

    [Proto(5), Description("Secret passed to the driver's NodePublishVolume call.")]
    public LocalObjectReference? NodePublishSecretRef { get; init; }
}

[Description("A volume backed by a claim that lives and dies with the pod.")]
public sealed record EphemeralVolumeSource
{
    [Proto(1), Description("Template of the claim to create.")]
    public PersistentVolumeClaimTemplate? VolumeClaimTemplate { get; init; }
}

[Description("An OCI image or artifact mounted as a read-only volume.")]
public sealed record ImageVolumeSource
{
    [Proto(1), Description("Image or artifact reference to pull.")]
    public string? Reference { get; init; }

    [Proto(2), Description("Always, Never or IfNotPresent.")]
    public string? PullPolicy { get; init; }
}
