namespace KubeSharp.Node.Network;

/// <param name="InstancePrefix">Prefix of every host-level name (see <see cref="NetworkNames"/>).</param>
/// <param name="PodCidr">This node's pod CIDR, e.g. <c>10.42.0.0/24</c>; the bridge takes its first address.</param>
/// <param name="StateDirectory">Where the IP allocations live (survives agent restarts).</param>
/// <param name="BridgeName">Defaults to <c>{prefix}0</c>; at most 15 characters.</param>
/// <param name="Masquerade">Add an iptables MASQUERADE rule so pods reach beyond the node (off by default: it costs an iptables call).</param>
public sealed record PodNetworkOptions(
    string InstancePrefix,
    string PodCidr,
    string StateDirectory,
    string? BridgeName = null,
    bool Masquerade = false);
