using System.ComponentModel;

namespace KubeSharp.Api.Model.Core;

[Kind("", "v1", "ComponentStatus"), Description("Deprecated health report of a control-plane component.")]
public sealed record ComponentStatus : KubernetesObject
{
    [Proto(2), Patch("merge", MergeKey = "type"), ListType("map", "type"), Description("Health conditions of the component.")]
    public List<ComponentCondition>? Conditions { get; init; }
}

[Description("A page of component statuses.")]
public sealed record ComponentStatusList : KubernetesList<ComponentStatus>;

[Description("One health condition of a component.")]
public sealed record ComponentCondition
{
    [Proto(1), RequiredField, Description("Healthy.")]
    public string Type { get; init; } = "";

    [Proto(2), RequiredField, Description("True, False or Unknown.")]
    public string Status { get; init; } = "";

    [Proto(3), Description("Output of the health check.")]
    public string? Message { get; init; }

    [Proto(4), Description("Error from the health check.")]
    public string? Error { get; init; }
}
