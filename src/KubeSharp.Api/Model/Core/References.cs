using System.ComponentModel;

namespace KubeSharp.Api.Model.Core;

[MapType("atomic"), Description("A reference to any object, precise enough to identify one version of it or a field within it.")]
public sealed record ObjectReference
{
    [Proto(1), Description("Kind of the referenced object.")]
    public string? Kind { get; init; }

    [Proto(2), Description("Namespace of the referenced object.")]
    public string? Namespace { get; init; }

    [Proto(3), Description("Name of the referenced object.")]
    public string? Name { get; init; }

    [Proto(4), Description("UID of the referenced object.")]
    public string? UID { get; init; }

    [Proto(5), Description("API version of the referenced object.")]
    public string? APIVersion { get; init; }

    [Proto(6), Description("Resource version the reference points at, if pinned.")]
    public string? ResourceVersion { get; init; }

    [Proto(7), Description("Path to a part of the object, such as spec.containers{web}.")]
    public string? FieldPath { get; init; }
}

[MapType("atomic"), Description("Names an object in the same namespace.")]
public sealed record LocalObjectReference
{
    [Proto(1), Description("Name of the object in the same namespace.")]
    public string? Name { get; init; }
}

[MapType("atomic"), Description("Names an object of a given kind in the same namespace.")]
public sealed record TypedLocalObjectReference
{
    [Proto(1), Description("API group of the kind; empty means the core group.")]
    public string? APIGroup { get; init; }

    [Proto(2), RequiredField, Description("Kind of the referenced object.")]
    public string Kind { get; init; } = "";

    [Proto(3), RequiredField, Description("Name of the referenced object.")]
    public string Name { get; init; } = "";
}

[Description("Names an object of a given kind, possibly in another namespace.")]
public sealed record TypedObjectReference
{
    [Proto(1), Description("API group of the kind; empty means the core group.")]
    public string? APIGroup { get; init; }

    [Proto(2), RequiredField, Description("Kind of the referenced object.")]
    public string Kind { get; init; } = "";

    [Proto(3), RequiredField, Description("Name of the referenced object.")]
    public string Name { get; init; } = "";

    [Proto(4), Description("Namespace of the object; cross-namespace references need a ReferenceGrant.")]
    public string? Namespace { get; init; }
}

[MapType("atomic"), Description("Names a secret, possibly in another namespace.")]
public sealed record SecretReference
{
    [Proto(1), Description("Name of the secret.")]
    public string? Name { get; init; }

    [Proto(2), Description("Namespace the secret lives in.")]
    public string? Namespace { get; init; }
}
