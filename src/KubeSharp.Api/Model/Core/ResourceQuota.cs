using System.ComponentModel;

namespace KubeSharp.Api.Model.Core;

[Kind("", "v1", "ResourceQuota"), Description("Limits on aggregate resource use in a namespace.")]
public sealed record ResourceQuota : KubernetesObject
{
    [Proto(2), Description("The limits.")]
    public ResourceQuotaSpec? Spec { get; init; }

    [Proto(3), Description("Current usage against the limits.")]
    public ResourceQuotaStatus? Status { get; init; }
}

[Description("A page of resource quotas.")]
public sealed record ResourceQuotaList : KubernetesList<ResourceQuota>;

[Description("Hard limits of a quota and the objects it covers.")]
public sealed record ResourceQuotaSpec
{
    [Proto(1), Description("Hard limit of each named resource.")]
    public Dictionary<string, Quantity>? Hard { get; init; }

    [Proto(2), ListType("atomic"), Description("Scopes that restrict which objects are counted.")]
    public List<string>? Scopes { get; init; }

    [Proto(3), Description("Scope requirements that restrict which objects are counted.")]
    public ScopeSelector? ScopeSelector { get; init; }
}

[Description("Usage of a quota.")]
public sealed record ResourceQuotaStatus
{
    [Proto(1), Description("Limits being enforced.")]
    public Dictionary<string, Quantity>? Hard { get; init; }

    [Proto(2), Description("Current usage.")]
    public Dictionary<string, Quantity>? Used { get; init; }
}

[MapType("atomic"), Description("Scope requirements, ANDed.")]
public sealed record ScopeSelector
{
    [Proto(1), ListType("atomic"), Description("The requirements.")]
    public List<ScopedResourceSelectorRequirement>? MatchExpressions { get; init; }
}

[Description("One requirement on a quota scope.")]
public sealed record ScopedResourceSelectorRequirement
{
    [Proto(1), RequiredField, Description("Scope the requirement applies to.")]
    public string ScopeName { get; init; } = "";

    [Proto(2), RequiredField, Description("In, NotIn, Exists or DoesNotExist.")]
    public string Operator { get; init; } = "";

    [Proto(3), ListType("atomic"), Description("Values for In and NotIn.")]
    public List<string>? Values { get; init; }
}
