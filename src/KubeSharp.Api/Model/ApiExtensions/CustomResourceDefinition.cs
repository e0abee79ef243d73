using System.ComponentModel;

namespace KubeSharp.Api.Model.ApiExtensions;

[Kind("apiextensions.k8s.io", "v1", "CustomResourceDefinition")]
[Description("Adds a new resource type to the API server, served under <plural>.<group>.")]
public sealed record CustomResourceDefinition : KubernetesObject
{
    [Proto(2), RequiredField, Description("The group, names, scope and versions of the new resource.")]
    public CustomResourceDefinitionSpec? Spec { get; init; }
    [Proto(3), Description("Whether the definition is established and which names were accepted.")]
    public CustomResourceDefinitionStatus? Status { get; init; }
}

[Description("Desired shape of a custom resource.")]
public sealed record CustomResourceDefinitionSpec
{
    [Proto(1), RequiredField, Description("API group the resource is served in; the definition's name must be <plural>.<group>.")]
    public string Group { get; init; } = "";
    [Proto(3), RequiredField, Description("How the resource is named in URLs, kinds and kubectl.")]
    public CustomResourceDefinitionNames? Names { get; init; }
    [Proto(4), RequiredField, Description("Cluster or Namespaced.")]
    public string Scope { get; init; } = "";
    [Proto(7), RequiredField, ListType("atomic"), Description("Versions served; exactly one of them is the storage version.")]
    public List<CustomResourceDefinitionVersion>? Versions { get; init; }
    [Proto(9), Description("How objects are converted between versions.")]
    public CustomResourceConversion? Conversion { get; init; }
    [Proto(10), Description("Legacy switch that keeps fields unknown to the schema; must be false in v1.")]
    public bool? PreserveUnknownFields { get; init; }
}

[Description("The names a custom resource is known by.")]
public sealed record CustomResourceDefinitionNames
{
    [Proto(1), RequiredField, Description("Lower-case plural used in URLs, e.g. crontabs.")]
    public string Plural { get; init; } = "";
    [Proto(2), Description("Lower-case singular; defaults to the lower-cased kind.")]
    public string? Singular { get; init; }
    [Proto(3), ListType("atomic"), Description("Short aliases kubectl accepts, e.g. ct.")]
    public List<string>? ShortNames { get; init; }
    [Proto(4), RequiredField, Description("CamelCase kind of the objects, e.g. CronTab.")]
    public string Kind { get; init; } = "";
    [Proto(5), Description("Kind of lists of the objects; defaults to <kind>List.")]
    public string? ListKind { get; init; }
    [Proto(6), ListType("atomic"), Description("Groups of resources this one belongs to, such as all.")]
    public List<string>? Categories { get; init; }
}

[Description("Observed state of a custom resource definition.")]
public sealed record CustomResourceDefinitionStatus
{
    [Proto(1), ListType("map", "type"), Description("Latest observations, such as Established and NamesAccepted.")]
    public List<CustomResourceDefinitionCondition>? Conditions { get; init; }
    [Proto(2), Description("Names actually being served; may lag behind or differ from spec.names.")]
    public CustomResourceDefinitionNames? AcceptedNames { get; init; }
    [Proto(3), ListType("atomic"), Description("Every version objects have ever been stored in; used to plan storage migration.")]
    public List<string>? StoredVersions { get; init; }
}

[Description("One aspect of a custom resource definition's state at a point in time.")]
public sealed record CustomResourceDefinitionCondition
{
    [Proto(1), RequiredField, Description("Established, NamesAccepted, NonStructuralSchema, Terminating or KubernetesAPIApprovalPolicyConformant.")]
    public string Type { get; init; } = "";
    [Proto(2), RequiredField, Description("True, False or Unknown.")]
    public string Status { get; init; } = "";
    [Proto(3), Description("When the status last flipped.")]
    public DateTimeOffset? LastTransitionTime { get; init; }
    [Proto(4), Description("Machine-readable cause of the last transition.")]
    public string? Reason { get; init; }
    [Proto(5), Description("Human-readable detail about the last transition.")]
    public string? Message { get; init; }
}

[Description("A page of CustomResourceDefinition objects.")]
public sealed record CustomResourceDefinitionList : KubernetesList<CustomResourceDefinition>;
