using System.Diagnostics;

namespace KubeSharp.Node.Runtime.Runc;

/// <summary>
/// How a container's process is run so that the node agent can die and come back without losing it.
///
/// runc only reports an exit status to its parent, and the parent of a detached (<c>runc run -d</c>) container is
/// whoever adopts orphans, so the status would be lost. Instead each container gets a waiter: a tiny <c>sh</c> that
/// runs <c>runc run --keep</c> in the foreground (runc stays the container's parent and exits with its status,
/// 128+signal when killed), then writes the status to the <c>exit</c> file and a copy of the memory cgroup's
/// <c>oom_control</c> to <c>oom</c>. <c>setsid -f</c> detaches it from the agent's session and process tree, so
/// stopping or restarting the agent leaves it alone. <c>sh</c> only runs on the host as this waiter; nothing is
/// added inside the container.
///
/// stdout/stderr go to FIFOs that runc opens read-write: a FIFO with a reader never raises SIGPIPE or EOF for the
/// container while the agent is away; the agent's <see cref="Logging.CriLogPump"/> reopens them on restart, and what
/// was written meanwhile waits in the pipe buffer (raised to 1 MiB).
/// </summary>
internal static class ContainerShim
{
    public const string Script = """
        #!/bin/sh
        # kubesharp container waiter: $1 runc, $2 runc root, $3 container dir, $4 container id, $5 memory cgroup dir
        exec </dev/null >/dev/null 2>&1
        cd "$3" || exit 1
        echo $$ > shim.pid
        if [ -p stdin.fifo ]; then
          "$1" --root "$2" --log runc.log --log-format json run --keep --bundle "$3" --pid-file pid "$4" 0<>stdin.fifo 1<>stdout.fifo 2<>stderr.fifo
        else
          "$1" --root "$2" --log runc.log --log-format json run --keep --bundle "$3" --pid-file pid "$4" 0</dev/null 1<>stdout.fifo 2<>stderr.fifo
        fi
        status=$?
        cat "$5/memory.oom_control" > oom.tmp && mv oom.tmp oom
        echo "$status" > exit.tmp && mv exit.tmp exit

        """;

    public static async Task EnsureScriptAsync(RuntimeLayout layout, CancellationToken cancellationToken)
    {
        if (File.Exists(layout.ShimScript) && await File.ReadAllTextAsync(layout.ShimScript, cancellationToken) == Script)
            return;
        var temp = layout.ShimScript + ".tmp";
        await File.WriteAllTextAsync(temp, Script, cancellationToken);
        File.Move(temp, layout.ShimScript, overwrite: true);
    }

    public static async Task LaunchAsync(RuncRuntimeOptions options, RuntimeLayout layout, string id, string memoryCgroupDirectory, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(options.SetsidPath)
        {
            UseShellExecute = false,
            // Fresh pipes rather than the agent's own stdio, which the waiter must never hold open.
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "-f", options.ShellPath, layout.ShimScript, options.RuncPath, layout.RuncRoot, layout.Container(id), id, memoryCgroupDirectory })
            info.ArgumentList.Add(arg);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start the container waiter");
        process.StandardInput.Close();
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"starting the waiter for {id} failed: {(await error).Trim()}");
    }
}
