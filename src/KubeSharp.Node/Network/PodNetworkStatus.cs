using System.Net;

namespace KubeSharp.Node.Network;

/// <summary>The network of one pod sandbox.</summary>
/// <param name="NetnsPath">Path of the bind-mounted namespace file that holds the namespace alive without a process.</param>
public sealed record PodNetworkStatus(
    string NetnsName,
    string NetnsPath,
    IPAddress Address,
    int PrefixLength,
    IPAddress Gateway,
    string HostVeth);
