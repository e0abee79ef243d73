using System.ComponentModel;

namespace KubeSharp.Api.Model.Authorization;

[Kind("authorization.k8s.io", "v1", "SelfSubjectRulesReview"), Description("Asks for everything the caller may do in a namespace.")]
public sealed record SelfSubjectRulesReview : KubernetesObject
{
    [Proto(2), RequiredField, Description("The namespace.")]
    public SelfSubjectRulesReviewSpec? Spec { get; init; }

    [Proto(3), Description("The rules, filled in by the server.")]
    public SubjectRulesReviewStatus? Status { get; init; }
}

[Description("Scope of a rules review.")]
public sealed record SelfSubjectRulesReviewSpec
{
    [Proto(1), Description("Namespace to list rules for.")]
    public string? Namespace { get; init; }
}

[Description("Rules a user has in a namespace; may be incomplete.")]
public sealed record SubjectRulesReviewStatus
{
    [Proto(1), ListType("atomic"), RequiredField, Description("Allowed actions on resources.")]
    public List<ResourceRule>? ResourceRules { get; init; }

    [Proto(2), ListType("atomic"), RequiredField, Description("Allowed actions on non-resource paths.")]
    public List<NonResourceRule>? NonResourceRules { get; init; }

    [Proto(3), RequiredField, Description("True when an authorizer could not list all rules.")]
    public bool? Incomplete { get; init; }

    [Proto(4), Description("Error encountered while evaluating authorization; does not imply a denial by itself.")]
    public string? EvaluationError { get; init; }
}

[Description("Actions allowed on some resources.")]
public sealed record ResourceRule
{
    [Proto(1), ListType("atomic"), RequiredField, Description("Allowed verbs; * means all.")]
    public List<string>? Verbs { get; init; }

    [Proto(2), ListType("atomic"), Description("API groups; * means all.")]
    public List<string>? APIGroups { get; init; }

    [Proto(3), ListType("atomic"), Description("Resources; * means all.")]
    public List<string>? Resources { get; init; }

    [Proto(4), ListType("atomic"), Description("Object names; empty means all.")]
    public List<string>? ResourceNames { get; init; }
}

[Description("Actions allowed on some non-resource paths.")]
public sealed record NonResourceRule
{
    [Proto(1), ListType("atomic"), RequiredField, Description("Allowed verbs; * means all.")]
    public List<string>? Verbs { get; init; }

    [Proto(2), ListType("atomic"), Description("Paths, with an optional trailing *.")]
    public List<string>? NonResourceURLs { get; init; }
}
