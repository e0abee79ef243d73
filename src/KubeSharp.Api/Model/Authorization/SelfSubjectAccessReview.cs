using System.ComponentModel;

namespace KubeSharp.Api.Model.Authorization;

[Kind("authorization.k8s.io", "v1", "SelfSubjectAccessReview"), Description("Asks whether the caller may perform an action.")]
public sealed record SelfSubjectAccessReview : KubernetesObject
{
    [Proto(2), RequiredField, Description("The action.")]
    public SelfSubjectAccessReviewSpec? Spec { get; init; }

    [Proto(3), Description("The answer, filled in by the server.")]
    public SubjectAccessReviewStatus? Status { get; init; }
}

[Description("An action to check for the caller; set exactly one field.")]
public sealed record SelfSubjectAccessReviewSpec
{
    [Proto(1), Description("Action on a resource.")]
    public ResourceAttributes? ResourceAttributes { get; init; }

    [Proto(2), Description("Action on a non-resource path.")]
    public NonResourceAttributes? NonResourceAttributes { get; init; }
}
