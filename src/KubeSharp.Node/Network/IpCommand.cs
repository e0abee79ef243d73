using KubeSharp.Node.Runtime.Native;

namespace KubeSharp.Node.Network;

/// <summary>
/// Runs iproute2 for the rare host-level work (the bridge, sweeps of leftovers); pods are wired over netlink. Commands
/// are fed to one <c>ip -batch -</c> process, which is far cheaper than one process per command.
/// </summary>
public sealed class IpCommand(string ipPath = "/usr/sbin/ip")
{
    /// <param name="netns">Run inside this named namespace (<c>ip -n</c>).</param>
    /// <param name="force">Keep going after a failing line (<c>ip -force</c>), for idempotent teardown.</param>
    public async Task<CommandResult> BatchAsync(IEnumerable<string> commands, string? netns, bool force, CancellationToken cancellationToken)
    {
        var args = new List<string>();
        if (netns is not null)
            args.AddRange(["-n", netns]);
        if (force)
            args.Add("-force");
        args.AddRange(["-batch", "-"]);
        return await ProcessRunner.RunAsync(ipPath, args, string.Join('\n', commands) + "\n", cancellationToken);
    }

    public Task<CommandResult> RunAsync(IEnumerable<string> args, CancellationToken cancellationToken) =>
        ProcessRunner.RunAsync(ipPath, args, null, cancellationToken);
}
