using System.ComponentModel;

namespace KubeSharp.Api.Model.Rbac;

[Kind("rbac.authorization.k8s.io", "v1", "Role")]
[Description("A set of permissions within one namespace.")]
public sealed record Role : KubernetesObject
{
    [Proto(2), ListType("atomic"), Description("The permissions the role grants.")]
    public List<PolicyRule>? Rules { get; init; }
}

[Kind("rbac.authorization.k8s.io", "v1", "ClusterRole")]
[Description("A set of permissions that applies cluster-wide or, through a role binding, within a namespace.")]
public sealed record ClusterRole : KubernetesObject
{
    [Proto(2), ListType("atomic"), Description("The permissions the role grants; managed by the controller when aggregationRule is set.")]
    public List<PolicyRule>? Rules { get; init; }
    [Proto(3), Description("Builds the rules from the cluster roles matching these selectors.")]
    public AggregationRule? AggregationRule { get; init; }
}

[Description("Actions allowed on some resources or non-resource URLs.")]
public sealed record PolicyRule
{
    [Proto(1), RequiredField, ListType("atomic"), Description("Verbs allowed, such as get, list or create; \"*\" allows all.")]
    public List<string>? Verbs { get; init; }
    [Proto(2), ListType("atomic"), Description("API groups of the resources; \"\" is the core group and \"*\" every group.")]
    public List<string>? ApiGroups { get; init; }
    [Proto(3), ListType("atomic"), Description("Resources the rule covers; \"*\" covers all.")]
    public List<string>? Resources { get; init; }
    [Proto(4), ListType("atomic"), Description("Names the rule is limited to; empty means any name.")]
    public List<string>? ResourceNames { get; init; }
    [Proto(5), ListType("atomic"), Description("URL paths outside the resource API, such as /healthz; only in cluster roles.")]
    public List<string>? NonResourceURLs { get; init; }
}

[Description("How a cluster role collects its rules from other cluster roles.")]
public sealed record AggregationRule
{
    [Proto(1), ListType("atomic"), Description("Cluster roles matching any of these selectors contribute their rules.")]
    public List<LabelSelector>? ClusterRoleSelectors { get; init; }
}

[Description("A page of Role objects.")]
public sealed record RoleList : KubernetesList<Role>;

[Description("A page of ClusterRole objects.")]
public sealed record ClusterRoleList : KubernetesList<ClusterRole>;
