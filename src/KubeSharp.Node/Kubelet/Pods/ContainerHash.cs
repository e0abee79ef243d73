using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using KubeSharp.Api.Model.Core;

namespace KubeSharp.Node.Kubelet.Pods;

/// <summary>
/// The <c>io.kubernetes.container.hash</c> label: upstream's HashContainer, FNV-32a over the JSON of the fields that
/// define a container for restart purposes. Since 1.31 that is only name and image, the one spec field a pod update may
/// change, so a different hash on a running container means its image was changed and it must be restarted.
/// </summary>
public static class ContainerHash
{
    public static string Of(Container container)
    {
        // Go marshals a map with sorted keys: {"image":…,"name":…}.
        var json = new JsonObject { ["image"] = container.Image ?? "", ["name"] = container.Name }.ToJsonString();
        uint hash = 2166136261;
        foreach (var b in Encoding.UTF8.GetBytes(json))
        {
            hash ^= b;
            hash *= 16777619;
        }
        return hash.ToString("x", CultureInfo.InvariantCulture);
    }

    /// <summary>Whether a container started from an older spec: its label differs (containers without one predate it and count as current).</summary>
    public static bool Changed(Container spec, IReadOnlyDictionary<string, string> labels) =>
        labels.TryGetValue(KubeletLabels.ContainerHash, out var hash) && hash != Of(spec);
}
