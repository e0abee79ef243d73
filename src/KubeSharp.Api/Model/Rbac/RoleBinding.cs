using System.ComponentModel;

namespace KubeSharp.Api.Model.Rbac;

[Kind("rbac.authorization.k8s.io", "v1", "RoleBinding")]
[Description("Grants the permissions of a role or cluster role to subjects within one namespace.")]
public sealed record RoleBinding : KubernetesObject
{
    [Proto(2), ListType("atomic"), Description("Users, groups and service accounts receiving the permissions.")]
    public List<Subject>? Subjects { get; init; }
    [Proto(3), RequiredField, Description("The role granted; cannot change after creation.")]
    public RoleRef? RoleRef { get; init; }
}

[Kind("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding")]
[Description("Grants the permissions of a cluster role to subjects across the whole cluster.")]
public sealed record ClusterRoleBinding : KubernetesObject
{
    [Proto(2), ListType("atomic"), Description("Users, groups and service accounts receiving the permissions.")]
    public List<Subject>? Subjects { get; init; }
    [Proto(3), RequiredField, Description("The cluster role granted; cannot change after creation.")]
    public RoleRef? RoleRef { get; init; }
}

[MapType("atomic")]
[Description("A user, group or service account that a binding applies to.")]
public sealed record Subject
{
    [Proto(1), RequiredField, Description("User, Group or ServiceAccount.")]
    public string Kind { get; init; } = "";
    [Proto(2), Description("API group of the subject: \"\" for service accounts, rbac.authorization.k8s.io for users and groups.")]
    public string? ApiGroup { get; init; }
    [Proto(3), RequiredField, Description("Name of the subject.")]
    public string Name { get; init; } = "";
    [Proto(4), Description("Namespace of a service account subject.")]
    public string? Namespace { get; init; }
}

[MapType("atomic")]
[Description("Points at the role a binding grants.")]
public sealed record RoleRef
{
    [Proto(1), RequiredField, Description("API group of the role, normally rbac.authorization.k8s.io.")]
    public string ApiGroup { get; init; } = "";
    [Proto(2), RequiredField, Description("Role or ClusterRole.")]
    public string Kind { get; init; } = "";
    [Proto(3), RequiredField, Description("Name of the role.")]
    public string Name { get; init; } = "";
}

[Description("A page of RoleBinding objects.")]
public sealed record RoleBindingList : KubernetesList<RoleBinding>;

[Description("A page of ClusterRoleBinding objects.")]
public sealed record ClusterRoleBindingList : KubernetesList<ClusterRoleBinding>;
