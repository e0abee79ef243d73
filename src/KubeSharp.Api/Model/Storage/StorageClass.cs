using System.ComponentModel;
using KubeSharp.Api.Model.Core;

namespace KubeSharp.Api.Model.Storage;

[Kind("storage.k8s.io", "v1", "StorageClass")]
[Description("A class of storage that claims can ask for, with the provisioner that creates volumes of it.")]
public sealed record StorageClass : KubernetesObject
{
    [Proto(2), RequiredField, Description("Name of the volume plugin that provisions volumes of this class.")]
    public string Provisioner { get; init; } = "";
    [Proto(3), Description("Provisioner-specific settings for new volumes.")]
    public Dictionary<string, string>? Parameters { get; init; }
    [Proto(4), Description("Delete or Retain: what happens to a provisioned volume once its claim is released; unset means Delete.")]
    public string? ReclaimPolicy { get; init; }
    [Proto(5), ListType("atomic"), Description("Mount options given to provisioned volumes, e.g. [\"ro\", \"soft\"]; not validated.")]
    public List<string>? MountOptions { get; init; }
    [Proto(6), Description("Whether claims of this class may grow after creation.")]
    public bool? AllowVolumeExpansion { get; init; }
    [Proto(7), Description("Immediate or WaitForFirstConsumer: when volumes are provisioned and bound; unset means Immediate.")]
    public string? VolumeBindingMode { get; init; }
    [Proto(8), ListType("atomic"), Description("Topology domains volumes may be provisioned in; empty means anywhere.")]
    public List<TopologySelectorTerm>? AllowedTopologies { get; init; }
}

[Description("A page of StorageClass objects.")]
public sealed record StorageClassList : KubernetesList<StorageClass>;
