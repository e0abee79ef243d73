namespace KubeSharp.Node.Network;

/// <summary>Pod networking on one node (the role CNI plays for the kubelet).</summary>
public interface IPodNetwork
{
    /// <summary>Creates the bridge and enables forwarding; idempotent.</summary>
    Task EnsureHostNetworkAsync(CancellationToken cancellationToken);

    /// <summary>Creates the pod's network namespace, wires it to the bridge and gives it an address.</summary>
    Task<PodNetworkStatus> SetUpPodAsync(string sandboxId, CancellationToken cancellationToken);

    /// <summary>Removes the namespace and veth and releases the address; idempotent.</summary>
    Task TearDownPodAsync(string sandboxId, CancellationToken cancellationToken);
}
