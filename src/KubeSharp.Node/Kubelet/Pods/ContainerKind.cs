using KubeSharp.Api.Model.Core;

namespace KubeSharp.Node.Kubelet.Pods;

/// <summary>Which list of the pod spec a container comes from; sidecars are init containers with <c>restartPolicy: Always</c>.</summary>
public enum ContainerKind
{
    Init,
    Sidecar,
    App,
}

public static class ContainerKinds
{
    public static ContainerKind Of(Pod pod, string name)
    {
        if (pod.Spec?.InitContainers?.FirstOrDefault(c => c.Name == name) is { } init)
            return init.RestartPolicy == "Always" ? ContainerKind.Sidecar : ContainerKind.Init;
        return ContainerKind.App;
    }

    public static string Label(ContainerKind kind) => kind switch
    {
        ContainerKind.Init => "init",
        ContainerKind.Sidecar => "sidecar",
        _ => "app",
    };
}
