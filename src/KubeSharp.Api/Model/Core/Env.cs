using System.ComponentModel;

namespace KubeSharp.Api.Model.Core;

[Description("One environment variable.")]
public sealed record EnvVar
{
    [Proto(1), RequiredField, Description("Variable name.")]
    public string Name { get; init; } = "";

    [Proto(2), Description("Literal value; $(VAR) references are expanded.")]
    public string? Value { get; init; }

    [Proto(3), Description("Where to read the value from when no literal value is given.")]
    public EnvVarSource? ValueFrom { get; init; }
}

[Description("Source of an environment variable's value.")]
public sealed record EnvVarSource
{
    [Proto(1), Description("A field of the pod.")]
    public ObjectFieldSelector? FieldRef { get; init; }

    [Proto(2), Description("A resource limit or request of a container.")]
    public ResourceFieldSelector? ResourceFieldRef { get; init; }

    [Proto(3), Description("A key of a ConfigMap.")]
    public ConfigMapKeySelector? ConfigMapKeyRef { get; init; }

    [Proto(4), Description("A key of a Secret.")]
    public SecretKeySelector? SecretKeyRef { get; init; }
}

[Description("A ConfigMap or Secret whose keys all become environment variables.")]
public sealed record EnvFromSource
{
    [Proto(1), Description("Prefix added to every variable name.")]
    public string? Prefix { get; init; }

    [Proto(2), Description("ConfigMap to read.")]
    public ConfigMapEnvSource? ConfigMapRef { get; init; }

    [Proto(3), Description("Secret to read.")]
    public SecretEnvSource? SecretRef { get; init; }
}

[Description("A ConfigMap used as a set of environment variables.")]
public sealed record ConfigMapEnvSource
{
    [ProtoEmbedded(1, 1), Description("Name of the ConfigMap.")]
    public string? Name { get; init; }

    [Proto(2), Description("Tolerate a missing ConfigMap.")]
    public bool? Optional { get; init; }
}

[Description("A Secret used as a set of environment variables.")]
public sealed record SecretEnvSource
{
    [ProtoEmbedded(1, 1), Description("Name of the Secret.")]
    public string? Name { get; init; }

    [Proto(2), Description("Tolerate a missing Secret.")]
    public bool? Optional { get; init; }
}

[MapType("atomic"), Description("Picks one field of an object.")]
public sealed record ObjectFieldSelector
{
    [Proto(1), Description("API version the field path is written in; v1 when unset.")]
    public string? APIVersion { get; init; }

    [Proto(2), RequiredField, Description("Path of the field, such as metadata.name or status.podIP.")]
    public string FieldPath { get; init; } = "";
}

[MapType("atomic"), Description("Picks a resource request or limit of a container.")]
public sealed record ResourceFieldSelector
{
    [Proto(1), Description("Container to read; required for volumes.")]
    public string? ContainerName { get; init; }

    [Proto(2), RequiredField, Description("Resource to read, such as limits.cpu.")]
    public string Resource { get; init; } = "";

    [Proto(3), Description("Unit the value is expressed in; 1 when unset.")]
    public Quantity? Divisor { get; init; }
}

[MapType("atomic"), Description("One key of a ConfigMap.")]
public sealed record ConfigMapKeySelector
{
    [ProtoEmbedded(1, 1), Description("Name of the ConfigMap.")]
    public string? Name { get; init; }

    [Proto(2), RequiredField, Description("Key to read.")]
    public string Key { get; init; } = "";

    [Proto(3), Description("Tolerate a missing ConfigMap or key.")]
    public bool? Optional { get; init; }
}

[MapType("atomic"), Description("One key of a Secret.")]
public sealed record SecretKeySelector
{
    [ProtoEmbedded(1, 1), Description("Name of the Secret.")]
    public string? Name { get; init; }

    [Proto(2), RequiredField, Description("Key to read.")]
    public string Key { get; init; } = "";

    [Proto(3), Description("Tolerate a missing Secret or key.")]
    public bool? Optional { get; init; }
}
