namespace KubeSharp.Node.Kubelet;

/// <summary>
/// Labels the agent puts on sandboxes and containers (the same keys upstream's kubelet uses with CRI), so a
/// restarted agent maps what the runtime still holds back to pods instead of starting duplicates.
/// </summary>
public static class KubeletLabels
{
    public const string PodName = "io.kubernetes.pod.name";
    public const string PodNamespace = "io.kubernetes.pod.namespace";
    public const string PodUid = "io.kubernetes.pod.uid";
    public const string ContainerName = "io.kubernetes.container.name";
    /// <summary>"init", "sidecar" or "app": which list of the pod spec the container comes from.</summary>
    public const string ContainerKind = "io.kubesharp.container.kind";
    public const string ContainerHash = "io.kubernetes.container.hash";
    public const string TerminationMessageFile = "io.kubesharp.container.termination-message-file";
    public const string TerminationMessagePath = "io.kubernetes.container.terminationMessagePath";
    public const string TerminationMessagePolicy = "io.kubernetes.container.terminationMessagePolicy";
}
