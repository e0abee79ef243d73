using KubeSharp.Api.Resources;

namespace KubeSharp.Node.Kubelet;

/// <summary>The API resources the node agent reads and writes.</summary>
public static class NodeAgentResources
{
    public static readonly GroupVersionResource Pods = new("", "v1", "pods");
    public static readonly GroupVersionResource Nodes = new("", "v1", "nodes");
}
