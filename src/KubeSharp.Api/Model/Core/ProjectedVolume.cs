using System.ComponentModel;

namespace KubeSharp.Api.Model.Core;

[Description("Several volume sources combined in one directory.")]
public sealed record ProjectedVolumeSource
{
    [Proto(1), ListType("atomic"), Description("The projections.")]
    public List<VolumeProjection>? Sources { get; init; }

    [Proto(2), Description("Default permission bits of the created files, such as 0644.")]
    public int? DefaultMode { get; init; }
}

[Description("One source of a projected volume; exactly one member is set.")]
public sealed record VolumeProjection
{
    [Proto(1), Description("Keys of a Secret.")]
    public SecretProjection? Secret { get; init; }

    [Proto(2), Description("Pod information.")]
    public DownwardAPIProjection? DownwardAPI { get; init; }

    [Proto(3), Description("Keys of a ConfigMap.")]
    public ConfigMapProjection? ConfigMap { get; init; }

    [Proto(4), Description("A service account token.")]
    public ServiceAccountTokenProjection? ServiceAccountToken { get; init; }

    [Proto(5), Description("Certificates from ClusterTrustBundle objects.")]
    public ClusterTrustBundleProjection? ClusterTrustBundle { get; init; }
}

[Description("A Secret's keys in a projected volume.")]
public sealed record SecretProjection
{
    [ProtoEmbedded(1, 1), Description("Name of the Secret.")]
    public string? Name { get; init; }

    [Proto(2), ListType("atomic"), Description("Which keys to project, and the file paths to use for them.")]
    public List<KeyToPath>? Items { get; init; }

    [Proto(4), Description("Tolerate a missing Secret or keys.")]
    public bool? Optional { get; init; }
}

[Description("A ConfigMap's keys in a projected volume.")]
public sealed record ConfigMapProjection
{
    [ProtoEmbedded(1, 1), Description("Name of the ConfigMap.")]
    public string? Name { get; init; }

    [Proto(2), ListType("atomic"), Description("Which keys to project, and the file paths to use for them.")]
    public List<KeyToPath>? Items { get; init; }

    [Proto(4), Description("Tolerate a missing ConfigMap or keys.")]
    public bool? Optional { get; init; }
}

[Description("Pod information in a projected volume.")]
public sealed record DownwardAPIProjection
{
    [Proto(1), ListType("atomic"), Description("Files to create.")]
    public List<DownwardAPIVolumeFile>? Items { get; init; }
}

[Description("A bound service account token written to a file.")]
public sealed record ServiceAccountTokenProjection
{
    [Proto(1), Description("Intended audience of the token; the API server when unset.")]
    public string? Audience { get; init; }

    [Proto(2), Description("Requested token lifetime in seconds.")]
    public long? ExpirationSeconds { get; init; }

    [Proto(3), RequiredField, Description("Relative file path for the token.")]
    public string Path { get; init; } = "";
}

[Description("Certificates from ClusterTrustBundles written to a file.")]
public sealed record ClusterTrustBundleProjection
{
    [Proto(1), Description("Single ClusterTrustBundle to use, by name.")]
    public string? Name { get; init; }

    [Proto(2), Description("Signer whose bundles to use.")]
    public string? SignerName { get; init; }

    [Proto(3), Description("Bundles of the signer to use, by label.")]
    public LabelSelector? LabelSelector { get; init; }

    [Proto(5), Description("Write nothing rather than fail when no bundle is found.")]
    public bool? Optional { get; init; }

    [Proto(4), RequiredField, Description("Relative file path for the certificates.")]
    public string Path { get; init; } = "";
}
