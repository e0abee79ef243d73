using System.ComponentModel;

namespace KubeSharp.Api.Model.Authorization;

[Kind("authorization.k8s.io", "v1", "SubjectAccessReview"), Description("Asks whether a given user may perform an action.")]
public sealed record SubjectAccessReview : KubernetesObject
{
    [Proto(2), RequiredField, Description("The user and the action.")]
    public SubjectAccessReviewSpec? Spec { get; init; }

    [Proto(3), Description("The answer, filled in by the server.")]
    public SubjectAccessReviewStatus? Status { get; init; }
}

[Description("A user and an action to check; set exactly one of the attribute fields.")]
public sealed record SubjectAccessReviewSpec
{
    [Proto(1), Description("Action on a resource.")]
    public ResourceAttributes? ResourceAttributes { get; init; }

    [Proto(2), Description("Action on a non-resource path.")]
    public NonResourceAttributes? NonResourceAttributes { get; init; }

    [Proto(3), Description("User to check.")]
    public string? User { get; init; }

    [Proto(4), ListType("atomic"), Description("Groups of the user.")]
    public List<string>? Groups { get; init; }

    [Proto(5), Description("Extra attributes of the user from the authenticator.")]
    public Dictionary<string, List<string>>? Extra { get; init; }

    [Proto(6), Description("UID of the user.")]
    public string? UID { get; init; }
}

[Description("The answer to an access review.")]
public sealed record SubjectAccessReviewStatus
{
    [Proto(1), RequiredField, Description("Whether the action is allowed.")]
    public bool? Allowed { get; init; }

    [Proto(4), Description("Whether the action is explicitly denied.")]
    public bool? Denied { get; init; }

    [Proto(2), Description("Why the action is allowed or denied.")]
    public string? Reason { get; init; }

    [Proto(3), Description("Error encountered while evaluating authorization; does not imply a denial by itself.")]
    public string? EvaluationError { get; init; }
}

[Description("An action on a resource, as authorizers see it.")]
public sealed record ResourceAttributes
{
    [Proto(1), Description("Namespace of the action; empty means all namespaces for namespaced resources.")]
    public string? Namespace { get; init; }

    [Proto(2), Description("Verb such as get, list or create; * means all.")]
    public string? Verb { get; init; }

    [Proto(3), Description("API group; * means all.")]
    public string? Group { get; init; }

    [Proto(4), Description("API version; * means all.")]
    public string? Version { get; init; }

    [Proto(5), Description("Resource such as pods; * means all.")]
    public string? Resource { get; init; }

    [Proto(6), Description("Subresource such as log; empty means none.")]
    public string? Subresource { get; init; }

    [Proto(7), Description("Object name; empty means all.")]
    public string? Name { get; init; }

    [Proto(8), Description("Field selector of a list or watch.")]
    public FieldSelectorAttributes? FieldSelector { get; init; }

    [Proto(9), Description("Label selector of a list or watch.")]
    public LabelSelectorAttributes? LabelSelector { get; init; }
}

[Description("An action on a path that is not a resource.")]
public sealed record NonResourceAttributes
{
    [Proto(1), Description("URL path.")]
    public string? Path { get; init; }

    [Proto(2), Description("HTTP verb in lower case.")]
    public string? Verb { get; init; }
}

[Description("A field selector, raw or parsed.")]
public sealed record FieldSelectorAttributes
{
    [Proto(1), Description("Selector as written in a query string.")]
    public string? RawSelector { get; init; }

    [Proto(2), ListType("atomic"), Description("Parsed requirements.")]
    public List<FieldSelectorRequirement>? Requirements { get; init; }
}

[Description("A label selector, raw or parsed.")]
public sealed record LabelSelectorAttributes
{
    [Proto(1), Description("Selector as written in a query string.")]
    public string? RawSelector { get; init; }

    [Proto(2), ListType("atomic"), Description("Parsed requirements.")]
    public List<LabelSelectorRequirement>? Requirements { get; init; }
}
