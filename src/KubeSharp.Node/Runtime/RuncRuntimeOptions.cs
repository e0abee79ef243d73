namespace KubeSharp.Node.Runtime;

/// <param name="RootDirectory">All runtime state of this instance (runc state, bundles, sandboxes); survives agent restarts.</param>
/// <param name="InstancePrefix">Per-instance prefix shared with the pod network; names the cgroup parent <c>/kubesharp-{prefix}</c>.</param>
/// <param name="CompilerPath">The C compiler that builds the container reaper on this node (see <c>ContainerReaper</c>).</param>
/// <param name="StartTimeout">How long <see cref="IContainerRuntime.StartContainerAsync"/> waits for runc to report the process.</param>
public sealed record RuncRuntimeOptions(
    string RootDirectory,
    string InstancePrefix,
    string RuncPath = "/usr/sbin/runc",
    string ShellPath = "/bin/sh",
    string SetsidPath = "/usr/bin/setsid",
    string CompilerPath = "/usr/bin/cc",
    TimeSpan? StartTimeout = null)
{
    public string CgroupParent => CgroupParentFor(InstancePrefix);

    public static string CgroupParentFor(string prefix) => "/kubesharp-" + prefix;
}
