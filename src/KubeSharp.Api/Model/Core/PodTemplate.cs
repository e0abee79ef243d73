using System.ComponentModel;

namespace KubeSharp.Api.Model.Core;

[Kind("", "v1", "PodTemplate"), Description("A stored pod template that other objects can copy.")]
public sealed record PodTemplate : KubernetesObject
{
    [Proto(2), Description("The pod template itself.")]
    public PodTemplateSpec? Template { get; init; }
}

[Description("A page of pod templates.")]
public sealed record PodTemplateList : KubernetesList<PodTemplate>;

[Description("Metadata and spec of the pods a controller creates.")]
public sealed record PodTemplateSpec
{
    [Proto(1), Description("Labels and annotations the created pods carry.")]
    public ObjectMeta? Metadata { get; init; }

    [Proto(2), Description("Spec of the pods to create.")]
    public PodSpec? Spec { get; init; }
}
