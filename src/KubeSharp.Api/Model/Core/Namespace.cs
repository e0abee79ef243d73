using System.ComponentModel;

namespace KubeSharp.Api.Model.Core;

[Kind("", "v1", "Namespace"), Description("A scope for names; most objects live in one.")]
public sealed record Namespace : KubernetesObject
{
    [Proto(2), Description("Finalizers of the namespace.")]
    public NamespaceSpec? Spec { get; init; }

    [Proto(3), Description("Current phase and conditions of the namespace.")]
    public NamespaceStatus? Status { get; init; }
}

[Description("A page of namespaces.")]
public sealed record NamespaceList : KubernetesList<Namespace>;

[Description("Desired state of a namespace.")]
public sealed record NamespaceSpec
{
    [Proto(1), ListType("atomic"), Description("Finalizers that must run before the namespace is removed from storage.")]
    public List<string>? Finalizers { get; init; }
}

[Description("Observed state of a namespace.")]
public sealed record NamespaceStatus
{
    [Proto(1), Description("Active or Terminating.")]
    public string? Phase { get; init; }

    [Proto(2), Patch("merge", MergeKey = "type"), ListType("map", "type"), Description("Conditions about the namespace, mostly during deletion.")]
    public List<NamespaceCondition>? Conditions { get; init; }
}

[Description("One condition of a namespace.")]
public sealed record NamespaceCondition
{
    [Proto(1), RequiredField, Description("Type of the condition.")]
    public string Type { get; init; } = "";

    [Proto(2), RequiredField, Description("True, False or Unknown.")]
    public string Status { get; init; } = "";

    [Proto(4), Description("When the condition last changed status.")]
    public DateTimeOffset? LastTransitionTime { get; init; }

    [Proto(5), Description("Short machine-readable reason in CamelCase.")]
    public string? Reason { get; init; }

    [Proto(6), Description("Human-readable details.")]
    public string? Message { get; init; }
}
