using System.ComponentModel;
using System.Text.Json.Nodes;

namespace KubeSharp.Api.Model.Apps;

[Kind("apps", "v1", "ControllerRevision")]
[Description("An immutable snapshot of state a controller may roll back to (daemon sets and stateful sets keep their history this way).")]
public sealed record ControllerRevision : KubernetesObject
{
    [Proto(2), PreserveUnknownFields, Description("The recorded state, as arbitrary JSON.")]
    public JsonObject? Data { get; init; }
    [Proto(3), RequiredField, Description("Position of this snapshot in the owner's history.")]
    public long? Revision { get; init; }
}

[Description("A page of ControllerRevision objects.")]
public sealed record ControllerRevisionList : KubernetesList<ControllerRevision>;
