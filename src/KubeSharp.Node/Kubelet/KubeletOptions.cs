namespace KubeSharp.Node.Kubelet;

/// <summary>How one node agent is set up. Every host-level name it creates derives from <see cref="InstancePrefix"/>.</summary>
/// <param name="NodeName">The Node object's name (the host name unless <c>--node-name</c>).</param>
/// <param name="AgentDirectory">All agent state: runtime root, images, pod volumes and logs (<c>DATA_DIR/agent</c>).</param>
/// <param name="InstancePrefix">1–6 lowercase letters/digits; names the bridge, veths, netns and cgroup parent.</param>
/// <param name="PodCidr">This node's pod range, e.g. <c>10.42.0.0/24</c>.</param>
/// <param name="ClusterDns">Nameserver written into ClusterFirst pods' resolv.conf (the service CIDR's .10).</param>
/// <param name="NodeIp">InternalIP reported on the Node; detected when null.</param>
/// <param name="ControlPlane">Label the node <c>node-role.kubernetes.io/control-plane=true</c> (an agent inside <c>kubesharp server</c>).</param>
public sealed record KubeletOptions(
    string NodeName,
    string AgentDirectory,
    string InstancePrefix,
    string PodCidr,
    string ClusterDns = "10.43.0.10",
    string ClusterDomain = "cluster.local",
    string? NodeIp = null,
    bool ControlPlane = true,
    string? ManifestsDirectory = null)
{
    public const string KubeletVersion = "v1.32.4-kubesharp";
    public const string RuntimeVersion = "runc://1.1.5";
    public const int MaxPods = 110;

    public static readonly TimeSpan LeaseRenewInterval = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan NodeStatusInterval = TimeSpan.FromSeconds(10);
    /// <summary>How often the runtime is relisted to notice exits (upstream PLEG's period).</summary>
    public static readonly TimeSpan RelistInterval = TimeSpan.FromSeconds(1);
    /// <summary>Every pod is synced at least this often (status refresh, volume contents).</summary>
    public static readonly TimeSpan PodResyncInterval = TimeSpan.FromSeconds(10);

    public string RuntimeDirectory => Path.Combine(AgentDirectory, "runtime");
    public string ImagesDirectory => Path.Combine(AgentDirectory, "images-store");
    /// <summary>Image tarballs dropped here are imported at start (as k3s's <c>agent/images</c>).</summary>
    public string ImportDirectory => Path.Combine(AgentDirectory, "images");
    public string NetworkDirectory => Path.Combine(AgentDirectory, "network");
    public string PodsDirectory => Path.Combine(AgentDirectory, "pods");
    public string LogsDirectory => Path.Combine(AgentDirectory, "pod-logs");
}
