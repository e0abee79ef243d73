namespace KubeSharp.Node.Kubelet.Env;

/// <summary>The container cannot be configured yet (a missing config map, secret or key): waiting reason <c>CreateContainerConfigError</c>.</summary>
public sealed class ContainerConfigException(string message) : Exception(message);
