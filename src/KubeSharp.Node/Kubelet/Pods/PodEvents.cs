using KubeSharp.Api.Model.Core;
using KubeSharp.Client.Events;

namespace KubeSharp.Node.Kubelet.Pods;

/// <summary>Events about one pod, attributed to a container by field path as the kubelet does (<c>spec.containers{web}</c>).</summary>
public sealed class PodEvents(EventRecorder? recorder, Pod pod)
{
    InvolvedObject Reference(string? fieldPath) =>
        new("Pod", pod.Metadata.Name ?? "")
        {
            Namespace = pod.Metadata.Namespace,
            Uid = pod.Metadata.Uid,
            ApiVersion = "v1",
            ResourceVersion = pod.Metadata.ResourceVersion,
            FieldPath = fieldPath,
        };

    string FieldPath(Container container) =>
        pod.Spec?.InitContainers?.Any(c => c.Name == container.Name) == true
            ? $"spec.initContainers{{{container.Name}}}"
            : $"spec.containers{{{container.Name}}}";

    public void Normal(Container container, string reason, string message) =>
        recorder?.Event(Reference(FieldPath(container)), EventTypes.Normal, reason, message);

    public void Warning(Container container, string reason, string message) =>
        recorder?.Event(Reference(FieldPath(container)), EventTypes.Warning, reason, message);

    public void PodNormal(string reason, string message) => recorder?.Event(Reference(null), EventTypes.Normal, reason, message);

    public void PodWarning(string reason, string message) => recorder?.Event(Reference(null), EventTypes.Warning, reason, message);
}
