using System.ComponentModel;

namespace KubeSharp.Api.Model.Core;

[Kind("", "v1", "LimitRange"), Description("Per-object resource limits and defaults in a namespace.")]
public sealed record LimitRange : KubernetesObject
{
    [Proto(2), Description("The limits.")]
    public LimitRangeSpec? Spec { get; init; }
}

[Description("A page of limit ranges.")]
public sealed record LimitRangeList : KubernetesList<LimitRange>;

[Description("Limits enforced on objects of a namespace.")]
public sealed record LimitRangeSpec
{
    [Proto(1), ListType("atomic"), RequiredField, Description("Limits, one item per object type.")]
    public List<LimitRangeItem>? Limits { get; init; }
}

[Description("Limits for one type of object.")]
public sealed record LimitRangeItem
{
    [Proto(1), RequiredField, Description("Pod, Container or PersistentVolumeClaim.")]
    public string Type { get; init; } = "";

    [Proto(2), Description("Largest amount of each resource allowed.")]
    public Dictionary<string, Quantity>? Max { get; init; }

    [Proto(3), Description("Smallest amount of each resource allowed.")]
    public Dictionary<string, Quantity>? Min { get; init; }

    [Proto(4), Description("Limits applied when none are given.")]
    public Dictionary<string, Quantity>? Default { get; init; }

    [Proto(5), Description("Requests applied when none are given.")]
    public Dictionary<string, Quantity>? DefaultRequest { get; init; }

    [Proto(6), Description("Largest allowed ratio of limit to request.")]
    public Dictionary<string, Quantity>? MaxLimitRequestRatio { get; init; }
}
