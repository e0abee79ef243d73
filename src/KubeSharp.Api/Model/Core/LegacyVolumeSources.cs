using System.ComponentModel;

namespace KubeSharp.Api.Model.Core;

[Description("A Google Compute Engine persistent disk.")]
public sealed record GCEPersistentDiskVolumeSource
{
    [Proto(1), RequiredField, Description("Name of the disk in GCE.")]
    public string PDName { get; init; } = "";

    [Proto(2), Description("Filesystem type to mount, such as ext4 or xfs.")]
    public string? FSType { get; init; }

    [Proto(3), Description("Partition of the disk to mount; empty or 0 means the whole disk.")]
    public int? Partition { get; init; }

    [Proto(4), Description("Mount the volume read-only when true.")]
    public bool? ReadOnly { get; init; }
}

[Description("An Amazon EBS volume.")]
public sealed record AWSElasticBlockStoreVolumeSource
{
    [Proto(1), RequiredField, Description("Identifier of the volume in the storage system.")]
    public string VolumeID { get; init; } = "";

    [Proto(2), Description("Filesystem type to mount, such as ext4 or xfs.")]
    public string? FSType { get; init; }

    [Proto(3), Description("Partition of the disk to mount; empty or 0 means the whole disk.")]
    public int? Partition { get; init; }

    [Proto(4), Description("Mount the volume read-only when true.")]
    public bool? ReadOnly { get; init; }
}

[Description("A git repository cloned into the volume.")]
public sealed record GitRepoVolumeSource
{
    [Proto(1), RequiredField, Description("Repository URL.")]
    public string Repository { get; init; } = "";

    [Proto(2), Description("Commit to check out.")]
    public string? Revision { get; init; }

    [Proto(3), Description("Target directory name; '.' clones into the volume root.")]
    public string? Directory { get; init; }
}

[Description("An iSCSI disk attached to the node.")]
public sealed record ISCSIVolumeSource
{
    [Proto(1), RequiredField, Description("Portal as IP or IP:port.")]
    public string TargetPortal { get; init; } = "";

    [Proto(2), RequiredField, Description("iSCSI qualified name of the target.")]
    public string IQN { get; init; } = "";

    [Proto(3), RequiredField, Description("Logical unit number of the target.")]
    public int? Lun { get; init; }

    [Proto(4), Description("iSCSI interface to use; default is tcp.")]
    public string? ISCSIInterface { get; init; }

    [Proto(5), Description("Filesystem type to mount, such as ext4 or xfs.")]
    public string? FSType { get; init; }

    [Proto(6), Description("Mount the volume read-only when true.")]
    public bool? ReadOnly { get; init; }

    [Proto(7), ListType("atomic"), Description("Additional portals for multipath.")]
    public List<string>? Portals { get; init; }

    [Proto(8), Description("Use CHAP authentication for discovery.")]
    public bool? ChapAuthDiscovery { get; init; }

    [Proto(11), Description("Use CHAP authentication for the session.")]
    public bool? ChapAuthSession { get; init; }

    [Proto(10), Description("Secret holding the CHAP credentials.")]
    public LocalObjectReference? SecretRef { get; init; }

    [Proto(12), Description("Custom initiator name.")]
    public string? InitiatorName { get; init; }
}

[Description("An iSCSI disk for a persistent volume.")]
public sealed record ISCSIPersistentVolumeSource
{
    [Proto(1), RequiredField, Description("Portal as IP or IP:port.")]
    public string TargetPortal { get; init; } = "";

    [Proto(2), RequiredField, Description("iSCSI qualified name of the target.")]
    public string IQN { get; init; } = "";

    [Proto(3), RequiredField, Description("Logical unit number of the target.")]
    public int? Lun { get; init; }

    [Proto(4), Description("iSCSI interface to use; default is tcp.")]
    public string? ISCSIInterface { get; init; }

    [Proto(5), Description("Filesystem type to mount, such as ext4 or xfs.")]
    public string? FSType { get; init; }

    [Proto(6), Description("Mount the volume read-only when true.")]
    public bool? ReadOnly { get; init; }

    [Proto(7), ListType("atomic"), Description("Additional portals for multipath.")]
    public List<string>? Portals { get; init; }

    [Proto(8), Description("Use CHAP authentication for discovery.")]
    public bool? ChapAuthDiscovery { get; init; }

    [Proto(11), Description("Use CHAP authentication for the session.")]
    public bool? ChapAuthSession { get; init; }

    [Proto(10), Description("Secret holding the CHAP credentials.")]
    public SecretReference? SecretRef { get; init; }

    [Proto(12), Description("Custom initiator name.")]
    public string? InitiatorName { get; init; }
}

[Description("A Glusterfs mount.")]
public sealed record GlusterfsVolumeSource
{
    [Proto(1), RequiredField, Description("Endpoints object listing the Glusterfs servers.")]
    public string Endpoints { get; init; } = "";

    [Proto(2), RequiredField, Description("Glusterfs volume path.")]
    public string Path { get; init; } = "";

    [Proto(3), Description("Mount the volume read-only when true.")]
    public bool? ReadOnly { get; init; }
}

[Description("A Glusterfs mount for a persistent volume.")]
public sealed record GlusterfsPersistentVolumeSource
{
    [Proto(1), RequiredField, Description("Endpoints object listing the Glusterfs servers.")]
    public string Endpoints { get; init; } = "";

    [Proto(2), RequiredField, Description("Glusterfs volume path.")]
    public string Path { get; init; } = "";

    [Proto(3), Description("Mount the volume read-only when true.")]
    public bool? ReadOnly { get; init; }

    [Proto(4), Description("Namespace of the endpoints object.")]
    public string? EndpointsNamespace { get; init; }
}

[Description("A Ceph RADOS block device.")]
public sealed record RBDVolumeSource
{
    [Proto(1), ListType("atomic"), RequiredField, Description("Addresses of the Ceph monitors.")]
    public List<string>? Monitors { get; init; }

    [Proto(2), RequiredField, Description("RADOS image name.")]
    public string Image { get; init; } = "";

    [Proto(3), Description("Filesystem type to mount, such as ext4 or xfs.")]
    public string? FSType { get; init; }

    [Proto(4), Description("RADOS pool; rbd when unset.")]
    public string? Pool { get; init; }

    [Proto(5), Description("RADOS user; admin when unset.")]
    public string? User { get; init; }

    [Proto(6), Description("Keyring path for the RBD user.")]
    public string? Keyring { get; init; }

    [Proto(7), Description("Secret with the authentication key; overrides keyring.")]
    public LocalObjectReference? SecretRef { get; init; }

    [Proto(8), Description("Mount the volume read-only when true.")]
    public bool? ReadOnly { get; init; }
}

[Description("A Ceph RADOS block device for a persistent volume.")]
public sealed record RBDPersistentVolumeSource
{
    [Proto(1), ListType("atomic"), RequiredField, Description("Addresses of the Ceph monitors.")]
    public List<string>? Monitors { get; init; }

    [Proto(2), RequiredField, Description("RADOS image name.")]
    public string Image { get; init; } = "";

    [Proto(3), Description("Filesystem type to mount, such as ext4 or xfs.")]
    public string? FSType { get; init; }

    [Proto(4), Description("RADOS pool; rbd when unset.")]
    public string? Pool { get; init; }

    [Proto(5), Description("RADOS user; admin when unset.")]
    public string? User { get; init; }

    [Proto(6), Description("Keyring path for the RBD user.")]
    public string? Keyring { get; init; }

    [Proto(7), Description("Secret with the authentication key; overrides keyring.")]
    public SecretReference? SecretRef { get; init; }

    [Proto(8), Description("Mount the volume read-only when true.")]
    public bool? ReadOnly { get; init; }
}

[Description("A volume mounted by an out-of-tree FlexVolume driver.")]
public sealed record FlexVolumeSource
{
    [Proto(1), RequiredField, Description("Name of the FlexVolume driver.")]
    public string Driver { get; init; } = "";

    [Proto(2), Description("Filesystem type to mount, such as ext4 or xfs.")]
    public string? FSType { get; init; }

    [Proto(3), Description("Secret passed to the driver.")]
    public LocalObjectReference? SecretRef { get; init; }

    [Proto(4), Description("Mount the volume read-only when true.")]
    public bool? ReadOnly { get; init; }

    [Proto(5), Description("Driver-specific options.")]
    public Dictionary<string, string>? Options { get; init; }
}

[Description("A FlexVolume-driven persistent volume.")]
public sealed record FlexPersistentVolumeSource
{
    [Proto(1), RequiredField, Description("Name of the FlexVolume driver.")]
    public string Driver { get; init; } = "";

    [Proto(2), Description("Filesystem type to mount, such as ext4 or xfs.")]
    public string? FSType { get; init; }

    [Proto(3), Description("Secret passed to the driver.")]
    public SecretReference? SecretRef { get; init; }

    [Proto(4), Description("Mount the volume read-only when true.")]
    public bool? ReadOnly { get; init; }

    [Proto(5), Description("Driver-specific options.")]
    public Dictionary<string, string>? Options { get; init; }
}

[Description("An OpenStack Cinder volume.")]
public sealed record CinderVolumeSource
{
    [Proto(1), RequiredField, Description("Identifier of the volume in the storage system.")]
    public string VolumeID { get; init; } = "";

    [Proto(2), Description("Filesystem type to mount, such as ext4 or xfs.")]
    public string? FSType { get; init; }

    [Proto(3), Description("Mount the volume read-only when true.")]
    public bool? ReadOnly { get; init; }

    [Proto(4), Description("Secret with the OpenStack credentials.")]
    public LocalObjectReference? SecretRef { get; init; }
}

[Description("An OpenStack Cinder volume for a persistent volume.")]
public sealed record CinderPersistentVolumeSource
{
    [Proto(1), RequiredField, Description("Identifier of the volume in the storage system.")]
    public string VolumeID { get; init; } = "";

    [Proto(2), Description("Filesystem type to mount, such as ext4 or xfs.")]
    public string? FSType { get; init; }

    [Proto(3), Description("Mount the volume read-only when true.")]
    public bool? ReadOnly { get; init; }

    [Proto(4), Description("Secret with the OpenStack credentials.")]
    public SecretReference? SecretRef { get; init; }
}

[Description("A CephFS mount.")]
public sealed record CephFSVolumeSource
{
    [Proto(1), ListType("atomic"), RequiredField, Description("Addresses of the Ceph monitors.")]
    public List<string>? Monitors { get; init; }

    [Proto(2), Description("Path within the CephFS to mount; / when unset.")]
    public string? Path { get; init; }

    [Proto(3), Description("RADOS user; admin when unset.")]
    public string? User { get; init; }

    [Proto(4), Description("Keyring file path for the user.")]
    public string? SecretFile { get; init; }

    [Proto(5), Description("Secret with the authentication key; overrides secretFile.")]
    public LocalObjectReference? SecretRef { get; init; }

    [Proto(6), Description("Mount the volume read-only when true.")]
    public bool? ReadOnly { get; init; }
}

[Description("A CephFS mount for a persistent volume.")]
public sealed record CephFSPersistentVolumeSource
{
    [Proto(1), ListType("atomic"), RequiredField, Description("Addresses of the Ceph monitors.")]
    public List<string>? Monitors { get; init; }

    [Proto(2), Description("Path within the CephFS to mount; / when unset.")]
    public string? Path { get; init; }

    [Proto(3), Description("RADOS user; admin when unset.")]
    public string? User { get; init; }

    [Proto(4), Description("Keyring file path for the user.")]
    public string? SecretFile { get; init; }

    [Proto(5), Description("Secret with the authentication key; overrides secretFile.")]
    public SecretReference? SecretRef { get; init; }

    [Proto(6), Description("Mount the volume read-only when true.")]
    public bool? ReadOnly { get; init; }
}

[Description("A Flocker dataset.")]
public sealed record FlockerVolumeSource
{
    [Proto(1), Description("Name of the dataset.")]
    public string? DatasetName { get; init; }

    [Proto(2), Description("UUID of the dataset.")]
    public string? DatasetUUID { get; init; }
}

[Description("A Fibre Channel disk.")]
public sealed record FCVolumeSource
{
    [Proto(1), ListType("atomic"), Description("World wide names of the targets.")]
    public List<string>? TargetWWNs { get; init; }

    [Proto(2), Description("Logical unit number of the target.")]
    public int? Lun { get; init; }

    [Proto(3), Description("Filesystem type to mount, such as ext4 or xfs.")]
    public string? FSType { get; init; }

    [Proto(4), Description("Mount the volume read-only when true.")]
    public bool? ReadOnly { get; init; }

    [Proto(5), ListType("atomic"), Description("World wide identifiers; alternative to targetWWNs and lun.")]
    public List<string>? Wwids { get; init; }
}

[Description("An Azure File share.")]
public sealed record AzureFileVolumeSource
{
    [Proto(1), RequiredField, Description("Secret with the storage account name and key.")]
    public string SecretName { get; init; } = "";

    [Proto(2), RequiredField, Description("Name of the share.")]
    public string ShareName { get; init; } = "";

    [Proto(3), Description("Mount the volume read-only when true.")]
    public bool? ReadOnly { get; init; }
}

[Description("An Azure File share for a persistent volume.")]
public sealed record AzureFilePersistentVolumeSource
{
    [Proto(1), RequiredField, Description("Secret with the storage account name and key.")]
    public string SecretName { get; init; } = "";

    [Proto(2), RequiredField, Description("Name of the share.")]
    public string ShareName { get; init; } = "";

    [Proto(3), Description("Mount the volume read-only when true.")]
    public bool? ReadOnly { get; init; }

    [Proto(4), Description("Namespace of the secret; the pod's when unset.")]
    public string? SecretNamespace { get; init; }
}

[Description("An Azure data disk.")]
public sealed record AzureDiskVolumeSource
{
    [Proto(1), RequiredField, Description("Name of the data disk.")]
    public string DiskName { get; init; } = "";

    [Proto(2), RequiredField, Description("URI of the data disk.")]
    public string DiskURI { get; init; } = "";

    [Proto(3), Description("None, ReadOnly or ReadWrite host caching.")]
    public string? CachingMode { get; init; }

    [Proto(4), Description("Filesystem type to mount, such as ext4 or xfs.")]
    public string? FSType { get; init; }

    [Proto(5), Description("Mount the volume read-only when true.")]
    public bool? ReadOnly { get; init; }

    [Proto(6), Description("Shared, Dedicated or Managed disk kind.")]
    public string? Kind { get; init; }
}

[Description("A vSphere virtual disk.")]
public sealed record VsphereVirtualDiskVolumeSource
{
    [Proto(1), RequiredField, Description("Path of the disk.")]
    public string VolumePath { get; init; } = "";

    [Proto(2), Description("Filesystem type to mount, such as ext4 or xfs.")]
    public string? FSType { get; init; }

    [Proto(3), Description("Storage policy based management profile name.")]
    public string? StoragePolicyName { get; init; }

    [Proto(4), Description("Storage policy based management profile ID.")]
    public string? StoragePolicyID { get; init; }
}

[Description("A Quobyte volume.")]
public sealed record QuobyteVolumeSource
{
    [Proto(1), RequiredField, Description("Quobyte registry address(es) as host:port.")]
    public string Registry { get; init; } = "";

    [Proto(2), RequiredField, Description("Existing Quobyte volume name.")]
    public string Volume { get; init; } = "";

    [Proto(3), Description("Mount the volume read-only when true.")]
    public bool? ReadOnly { get; init; }

    [Proto(4), Description("User to map access to.")]
    public string? User { get; init; }

    [Proto(5), Description("Group to map access to.")]
    public string? Group { get; init; }

    [Proto(6), Description("Tenant owning the volume.")]
    public string? Tenant { get; init; }
}

[Description("A Photon Controller persistent disk.")]
public sealed record PhotonPersistentDiskVolumeSource
{
    [Proto(1), RequiredField, Description("ID of the disk.")]
    public string PdID { get; init; } = "";

    [Proto(2), Description("Filesystem type to mount, such as ext4 or xfs.")]
    public string? FSType { get; init; }
}

[Description("A Portworx volume.")]
public sealed record PortworxVolumeSource
{
    [Proto(1), RequiredField, Description("Identifier of the volume in the storage system.")]
    public string VolumeID { get; init; } = "";

    [Proto(2), Description("Filesystem type to mount, such as ext4 or xfs.")]
    public string? FSType { get; init; }

    [Proto(3), Description("Mount the volume read-only when true.")]
    public bool? ReadOnly { get; init; }
}

[Description("A ScaleIO volume.")]
public sealed record ScaleIOVolumeSource
{
    [Proto(1), RequiredField, Description("Address of the ScaleIO API gateway.")]
    public string Gateway { get; init; } = "";

    [Proto(2), RequiredField, Description("Name of the ScaleIO storage system.")]
    public string System { get; init; } = "";

    [Proto(3), RequiredField, Description("Secret holding the credentials the plugin needs.")]
    public LocalObjectReference? SecretRef { get; init; }

    [Proto(4), Description("Use SSL to talk to the gateway.")]
    public bool? SSLEnabled { get; init; }

    [Proto(5), Description("ScaleIO protection domain.")]
    public string? ProtectionDomain { get; init; }

    [Proto(6), Description("ScaleIO storage pool.")]
    public string? StoragePool { get; init; }

    [Proto(7), Description("ThickProvisioned or ThinProvisioned.")]
    public string? StorageMode { get; init; }

    [Proto(8), Description("Existing ScaleIO volume name.")]
    public string? VolumeName { get; init; }

    [Proto(9), Description("Filesystem type to mount, such as ext4 or xfs.")]
    public string? FSType { get; init; }

    [Proto(10), Description("Mount the volume read-only when true.")]
    public bool? ReadOnly { get; init; }
}

[Description("A ScaleIO volume for a persistent volume.")]
public sealed record ScaleIOPersistentVolumeSource
{
    [Proto(1), RequiredField, Description("Address of the ScaleIO API gateway.")]
    public string Gateway { get; init; } = "";

    [Proto(2), RequiredField, Description("Name of the ScaleIO storage system.")]
    public string System { get; init; } = "";

    [Proto(3), RequiredField, Description("Secret holding the credentials the plugin needs.")]
    public SecretReference? SecretRef { get; init; }

    [Proto(4), Description("Use SSL to talk to the gateway.")]
    public bool? SSLEnabled { get; init; }

    [Proto(5), Description("ScaleIO protection domain.")]
    public string? ProtectionDomain { get; init; }

    [Proto(6), Description("ScaleIO storage pool.")]
    public string? StoragePool { get; init; }

    [Proto(7), Description("ThickProvisioned or ThinProvisioned.")]
    public string? StorageMode { get; init; }

    [Proto(8), Description("Existing ScaleIO volume name.")]
    public string? VolumeName { get; init; }

    [Proto(9), Description("Filesystem type to mount, such as ext4 or xfs.")]
    public string? FSType { get; init; }

    [Proto(10), Description("Mount the volume read-only when true.")]
    public bool? ReadOnly { get; init; }
}

[Description("A StorageOS volume.")]
public sealed record StorageOSVolumeSource
{
    [Proto(1), Description("StorageOS volume name.")]
    public string? VolumeName { get; init; }

    [Proto(2), Description("StorageOS namespace of the volume.")]
    public string? VolumeNamespace { get; init; }

    [Proto(3), Description("Filesystem type to mount, such as ext4 or xfs.")]
    public string? FSType { get; init; }

    [Proto(4), Description("Mount the volume read-only when true.")]
    public bool? ReadOnly { get; init; }

    [Proto(5), Description("Secret with the StorageOS API credentials.")]
    public LocalObjectReference? SecretRef { get; init; }
}

[Description("A StorageOS volume for a persistent volume.")]
public sealed record StorageOSPersistentVolumeSource
{
    [Proto(1), Description("StorageOS volume name.")]
    public string? VolumeName { get; init; }

    [Proto(2), Description("StorageOS namespace of the volume.")]
    public string? VolumeNamespace { get; init; }

    [Proto(3), Description("Filesystem type to mount, such as ext4 or xfs.")]
    public string? FSType { get; init; }

    [Proto(4), Description("Mount the volume read-only when true.")]
    public bool? ReadOnly { get; init; }

    [Proto(5), Description("Secret with the StorageOS API credentials.")]
    public ObjectReference? SecretRef { get; init; }
}
