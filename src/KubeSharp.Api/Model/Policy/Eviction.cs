using System.ComponentModel;

namespace KubeSharp.Api.Model.Policy;

[Kind("policy", "v1", "Eviction"), Description("Asks to evict a pod, subject to disruption budgets; posted to the pod's eviction subresource.")]
public sealed record Eviction : KubernetesObject
{
    [Proto(2), Description("Options for deleting the pod.")]
    public DeleteOptions? DeleteOptions { get; init; }
}
