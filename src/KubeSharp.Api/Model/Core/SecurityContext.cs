using System.ComponentModel;

namespace KubeSharp.Api.Model.Core;

[Description("Security settings of one container; they override the pod's.")]
public sealed record SecurityContext
{
    [Proto(1), Description("Linux capabilities to add and drop.")]
    public Capabilities? Capabilities { get; init; }

    [Proto(2), Description("Run the container privileged, like root on the host.")]
    public bool? Privileged { get; init; }

    [Proto(3), Description("SELinux context for the container.")]
    public SELinuxOptions? SELinuxOptions { get; init; }

    [Proto(10), Description("Windows-specific settings.")]
    public WindowsSecurityContextOptions? WindowsOptions { get; init; }

    [Proto(4), Description("User ID the entrypoint runs as.")]
    public long? RunAsUser { get; init; }

    [Proto(8), Description("Primary group ID the entrypoint runs as.")]
    public long? RunAsGroup { get; init; }

    [Proto(5), Description("Refuse to start the container as UID 0.")]
    public bool? RunAsNonRoot { get; init; }

    [Proto(6), Description("Mount the container's root filesystem read-only.")]
    public bool? ReadOnlyRootFilesystem { get; init; }

    [Proto(7), Description("Whether a process may gain more privileges than its parent.")]
    public bool? AllowPrivilegeEscalation { get; init; }

    [Proto(9), Description("Default or Unmasked /proc handling.")]
    public string? ProcMount { get; init; }

    [Proto(11), Description("Seccomp profile for the container.")]
    public SeccompProfile? SeccompProfile { get; init; }

    [Proto(12), Description("AppArmor profile for the container.")]
    public AppArmorProfile? AppArmorProfile { get; init; }
}

[Description("Security settings shared by all containers of a pod.")]
public sealed record PodSecurityContext
{
    [Proto(1), Description("SELinux context applied to all containers.")]
    public SELinuxOptions? SELinuxOptions { get; init; }

    [Proto(8), Description("Windows-specific settings for all containers.")]
    public WindowsSecurityContextOptions? WindowsOptions { get; init; }

    [Proto(2), Description("User ID the containers' entrypoints run as.")]
    public long? RunAsUser { get; init; }

    [Proto(6), Description("Primary group ID the containers' entrypoints run as.")]
    public long? RunAsGroup { get; init; }

    [Proto(3), Description("Refuse to start any container as UID 0.")]
    public bool? RunAsNonRoot { get; init; }

    [Proto(4), ListType("atomic"), Description("Extra group IDs given to the first process of each container.")]
    public List<long>? SupplementalGroups { get; init; }

    [Proto(12), Description("Merge or Strict: how supplementary groups are computed.")]
    public string? SupplementalGroupsPolicy { get; init; }

    [Proto(5), Description("Group that owns supported volumes and is added to every container.")]
    public long? FSGroup { get; init; }

    [Proto(7), ListType("atomic"), Description("Namespaced sysctls to set for the pod.")]
    public List<Sysctl>? Sysctls { get; init; }

    [Proto(9), Description("OnRootMismatch or Always: when volume ownership is changed.")]
    public string? FSGroupChangePolicy { get; init; }

    [Proto(10), Description("Seccomp profile for all containers.")]
    public SeccompProfile? SeccompProfile { get; init; }

    [Proto(11), Description("AppArmor profile for all containers.")]
    public AppArmorProfile? AppArmorProfile { get; init; }

    [Proto(13), Description("Recursive or MountOption: how SELinux labels are applied to volumes.")]
    public string? SELinuxChangePolicy { get; init; }
}

[Description("Linux capabilities to add to or drop from a container.")]
public sealed record Capabilities
{
    [Proto(1), ListType("atomic"), Description("Capabilities to add.")]
    public List<string>? Add { get; init; }

    [Proto(2), ListType("atomic"), Description("Capabilities to drop.")]
    public List<string>? Drop { get; init; }
}

[Description("An SELinux label.")]
public sealed record SELinuxOptions
{
    [Proto(1), Description("SELinux user.")]
    public string? User { get; init; }

    [Proto(2), Description("SELinux role.")]
    public string? Role { get; init; }

    [Proto(3), Description("SELinux type.")]
    public string? Type { get; init; }

    [Proto(4), Description("SELinux level.")]
    public string? Level { get; init; }
}

[Description("Windows-specific security settings.")]
public sealed record WindowsSecurityContextOptions
{
    [Proto(1), Description("Name of the GMSA credential spec resource to use.")]
    public string? GMSACredentialSpecName { get; init; }

    [Proto(2), Description("Inlined GMSA credential spec.")]
    public string? GMSACredentialSpec { get; init; }

    [Proto(3), Description("Windows user name the entrypoint runs as.")]
    public string? RunAsUserName { get; init; }

    [Proto(4), Description("Run as a Windows host process container.")]
    public bool? HostProcess { get; init; }
}

[Description("One kernel parameter.")]
public sealed record Sysctl
{
    [Proto(1), RequiredField, Description("Parameter name.")]
    public string Name { get; init; } = "";

    [Proto(2), RequiredField, Description("Parameter value.")]
    public string Value { get; init; } = "";
}

[Description("A seccomp profile; type decides which.")]
public sealed record SeccompProfile
{
    [Proto(1), RequiredField, Description("RuntimeDefault, Unconfined or Localhost.")]
    public string Type { get; init; } = "";

    [Proto(2), Description("Path of the profile on the node, for type Localhost.")]
    public string? LocalhostProfile { get; init; }
}

[Description("An AppArmor profile; type decides which.")]
public sealed record AppArmorProfile
{
    [Proto(1), RequiredField, Description("RuntimeDefault, Unconfined or Localhost.")]
    public string Type { get; init; } = "";

    [Proto(2), Description("Name of the profile loaded on the node, for type Localhost.")]
    public string? LocalhostProfile { get; init; }
}
