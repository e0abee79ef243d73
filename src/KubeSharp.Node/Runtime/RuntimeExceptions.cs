namespace KubeSharp.Node.Runtime;

/// <summary>The image is not in the local store (the pod worker pulls it, or reports ErrImageNeverPull).</summary>
public sealed class ImageNotPresentException(string image)
    : Exception($"image \"{image}\" is not present in the local image store")
{
    public string Image { get; } = image;
}

/// <summary>runc could not start the process (bad command, missing binary); the kubelet reports this as RunContainerError.</summary>
public sealed class ContainerStartException(string containerId, string message)
    : Exception($"failed to start container {containerId}: {message}")
{
    public string ContainerId { get; } = containerId;
}
