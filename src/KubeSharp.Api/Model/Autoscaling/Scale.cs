using System.ComponentModel;

namespace KubeSharp.Api.Model.Autoscaling;

[Kind("autoscaling", "v1", "Scale"), Description("The scale subresource of a scalable object.")]
public sealed record Scale : KubernetesObject
{
    [Proto(2), Description("Desired replicas.")]
    public ScaleSpec? Spec { get; init; }

    [Proto(3), Description("Current replicas and their selector.")]
    public ScaleStatus? Status { get; init; }
}

[Description("Desired scale.")]
public sealed record ScaleSpec
{
    [Proto(1), Description("Desired number of replicas.")]
    public int? Replicas { get; init; }
}

[Description("Observed scale.")]
public sealed record ScaleStatus
{
    [Proto(1), RequiredField, Description("Observed number of replicas.")]
    public int? Replicas { get; init; }

    [Proto(2), Description("Label selector of the pods, in query-string form.")]
    public string? Selector { get; init; }
}
