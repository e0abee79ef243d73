using System.ComponentModel;

// These are meta.k8s.io/v1 types (Eviction carries DeleteOptions; access reviews carry field selector
// requirements); the root model namespace gives them apimachinery's definition names.
namespace KubeSharp.Api.Model;

[Description("Options for a delete request: grace period, preconditions and how dependents are handled.")]
public sealed record DeleteOptions
{
    [Description("API version of this options object.")]
    public string? ApiVersion { get; init; }

    [Description("Always DeleteOptions.")]
    public string? Kind { get; init; }

    [Proto(1), Description("Seconds to wait before the object is removed; zero deletes immediately.")]
    public long? GracePeriodSeconds { get; init; }

    [Proto(2), Description("Conditions the stored object must meet for the delete to go ahead.")]
    public Preconditions? Preconditions { get; init; }

    [Proto(3), Description("Deprecated; use propagationPolicy. Whether dependents are orphaned.")]
    public bool? OrphanDependents { get; init; }

    [Proto(4), Description("Orphan, Background or Foreground garbage collection of dependents.")]
    public string? PropagationPolicy { get; init; }

    [Proto(5), ListType("atomic"), Description("When set to All, the request is checked but nothing is persisted.")]
    public List<string>? DryRun { get; init; }

    [Proto(6), Description("Allows deleting an object whose stored form cannot be read; may break the cluster.")]
    public bool? IgnoreStoreReadErrorWithClusterBreakingPotential { get; init; }
}

[Description("Conditions that must hold before an operation proceeds.")]
public sealed record Preconditions
{
    [Proto(1), Description("UID the target object must have.")]
    public string? Uid { get; init; }

    [Proto(2), Description("Resource version the target object must have.")]
    public string? ResourceVersion { get; init; }
}

[Description("One requirement of a field selector.")]
public sealed record FieldSelectorRequirement
{
    [Proto(1), RequiredField, Description("Field path the requirement applies to.")]
    public string Key { get; init; } = "";

    [Proto(2), RequiredField, Description("In, NotIn, Exists or DoesNotExist.")]
    public string Operator { get; init; } = "";

    [Proto(3), ListType("atomic"), Description("Values for In and NotIn; empty for Exists and DoesNotExist.")]
    public List<string>? Values { get; init; }
}
