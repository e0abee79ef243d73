using System.ComponentModel;

namespace KubeSharp.Api.Model.Networking;

[Kind("networking.k8s.io", "v1", "IngressClass")]
[Description("Names an ingress controller and its settings so that ingresses can choose it.")]
public sealed record IngressClass : KubernetesObject
{
    [Proto(2), Description("The controller and its parameters.")]
    public IngressClassSpec? Spec { get; init; }
}

[Description("What implements an ingress class.")]
public sealed record IngressClassSpec
{
    [Proto(1), Description("Domain-prefixed name of the controller, e.g. example.com/ingress-controller.")]
    public string? Controller { get; init; }
    [Proto(2), Description("Object holding extra settings for the controller.")]
    public IngressClassParametersReference? Parameters { get; init; }
}

[Description("Points at an object with controller-specific settings.")]
public sealed record IngressClassParametersReference
{
    [Proto(1), Description("API group of the object; unset means the core group.")]
    public string? ApiGroup { get; init; }
    [Proto(2), RequiredField, Description("Kind of the object.")]
    public string Kind { get; init; } = "";
    [Proto(3), RequiredField, Description("Name of the object.")]
    public string Name { get; init; } = "";
    [Proto(4), Description("Cluster or Namespace: whether the object is cluster-scoped; unset means Cluster.")]
    public string? Scope { get; init; }
    [Proto(5), Description("Namespace of the object when scope is Namespace.")]
    public string? Namespace { get; init; }
}

[Description("A page of IngressClass objects.")]
public sealed record IngressClassList : KubernetesList<IngressClass>;
