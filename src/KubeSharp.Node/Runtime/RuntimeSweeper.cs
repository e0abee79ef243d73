using KubeSharp.Node.Network;
using KubeSharp.Node.Runtime.Cgroups;
using KubeSharp.Node.Runtime.Native;

namespace KubeSharp.Node.Runtime;

/// <summary>
/// Removes everything an instance prefix left on the host — after a crash, or at the end of a test: processes and
/// cgroups under <c>/kubesharp-{prefix}</c>, mounts under the runtime's root directory, network namespaces, veths,
/// the bridge and iptables rules.
/// </summary>
public static class RuntimeSweeper
{
    public static async Task SweepAsync(string prefix, string? rootDirectory, bool deleteRootDirectory, CancellationToken cancellationToken)
    {
        NetworkNames.For(prefix);
        // Killing the containers' processes makes runc and then each waiter exit on their own.
        await CgroupTree.RemoveAsync(RuncRuntimeOptions.CgroupParentFor(prefix), killProcesses: true, cancellationToken);
        if (rootDirectory is not null && Directory.Exists(rootDirectory))
        {
            foreach (var mountPoint in Mounts.MountPointsUnder(rootDirectory))
                Mounts.Unmount(mountPoint);
            if (deleteRootDirectory)
            {
                if (Mounts.MountPointsUnder(rootDirectory).Count > 0)
                    throw new IOException($"mounts remain under {rootDirectory}");
                Directory.Delete(rootDirectory, recursive: true);
            }
        }
        await new NetworkSweeper().SweepAsync(prefix, cancellationToken);
    }
}
