using System.ComponentModel;

namespace KubeSharp.Api.Model.Core;

[Kind("", "v1", "Binding"), Description("Binds a pod to a node; created through a pod's binding subresource.")]
public sealed record Binding : KubernetesObject
{
    [Proto(2), RequiredField, Description("The node to bind to.")]
    public ObjectReference? Target { get; init; }
}
