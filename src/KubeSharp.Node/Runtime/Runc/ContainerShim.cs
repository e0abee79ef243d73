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
///
/// stdin: without <c>stdin: true</c> it is <c>/dev/null</c>. Otherwise runc reads <c>stdin.fifo</c>, into which attach
/// sessions write. Opened read-write it never ends; with <c>stdinOnce</c> runc opens it read-only and a helper holds a
/// writer until the first attach session has opened its own and released the helper through <c>stdin.release</c>, so
/// the process sees EOF once that session's writer closes (containerd's CloseIO).
///
/// Without a terminal, runc does not stay: <see cref="ContainerReaper"/> runs <c>runc run -d</c> and waits for the
/// container's process in its place, when the node could build it; unless stdin is <c>once</c> (which needs the helper
/// below) the reaper is the whole waiter and no <c>sh</c> stays either.
///
/// A terminal (<c>tty: true</c>): runc in the foreground allocates the container's terminal and copies it to and from
/// its own stdio, which must itself be a terminal. The agent allocates that outer terminal and hands its master to the
/// waiter as fd 3 (see <see cref="DetachedSpawn"/>), so the master lives as long as the container, agent or not. Two
/// <c>cat</c>s copy between the master and the FIFOs; resizing goes through the slave and a SIGWINCH to runc, which
/// passes the new size on to the container's terminal.
/// </summary>
internal static class ContainerShim
{
    public const string Script = """
        #!/bin/sh
        # kubesharp container waiter: $1 runc, $2 runc root, $3 container dir, $4 container id, $5 memory cgroup dir,
        # $6 stdin (none, open or once), $7 the terminal's slave, its master on fd 3 (empty without a terminal),
        # $8 the reaper (empty: runc stays in the foreground)
        exec </dev/null >/dev/null 2>&1
        cd "$3" || exit 1
        echo $$ > shim.pid
        run_container() {
          if [ -n "$REAPER" ]; then
            "$REAPER" pid "$RUNC" --root "$ROOT" --log runc.log --log-format json run -d --bundle "$BUNDLE" --pid-file pid "$ID"
          else
            "$RUNC" --root "$ROOT" --log runc.log --log-format json run --keep --bundle "$BUNDLE" --pid-file pid "$ID"
          fi
        }
        RUNC=$1 ROOT=$2 BUNDLE=$3 ID=$4 REAPER=$8
        helpers=
        output=
        if [ -n "$7" ]; then
          cat 0<&3 1<>stdout.fifo 3<&- &
          output=$!
          if [ "$6" != none ]; then
            cat 0<>stdin.fifo 1>&3 3<&- &
            helpers=$!
          fi
          exec 3<&-
          # In a subshell: sh, a session leader, would make the terminal its controlling one by opening it, and die
          # of the SIGHUP its hangup sends when the container ends.
          ("$1" --root "$2" --log runc.log --log-format json run --keep --bundle "$3" --pid-file pid "$4" 0<>"$7" 1>&0 2<>stderr.fifo)
        elif [ "$6" = once ]; then
          cat 3<>stdin.fifo 0<stdin.release 1>/dev/null &
          helpers=$!
          run_container 0<stdin.fifo 1<>stdout.fifo 2<>stderr.fifo
        elif [ "$6" = open ]; then
          run_container 0<>stdin.fifo 1<>stdout.fifo 2<>stderr.fifo
        else
          run_container 0</dev/null 1<>stdout.fifo 2<>stderr.fifo
        fi
        status=$?
        [ -z "$helpers" ] || kill $helpers
        [ -z "$output" ] || wait $output
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

    public static async Task LaunchAsync(RuncRuntimeOptions options, RuntimeLayout layout, ContainerRecord record, string memoryCgroupDirectory, string? reaper, CancellationToken cancellationToken)
    {
        var id = record.Id;
        var config = record.Config;
        var stdin = !config.Stdin ? "none" : config.StdinOnce && !config.Tty ? "once" : "open";
        if (stdin == "once")
            CreateFifo(layout.StdinReleaseFifo(id));
        if (config.Tty)
        {
            LaunchWithTerminal(options, layout, id, memoryCgroupDirectory, stdin);
            return;
        }
        var info = new ProcessStartInfo(options.SetsidPath)
        {
            UseShellExecute = false,
            // Fresh pipes rather than the agent's own stdio, which the waiter must never hold open.
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // The reaper is the whole waiter when no helper process is needed (no terminal, stdin not once).
        var args = reaper is not null && stdin != "once"
            ? ReaperWaiterArgs(options, layout, id, memoryCgroupDirectory, stdin, reaper)
            : WaiterArgs(options, layout, id, memoryCgroupDirectory, stdin, terminal: "", reaper);
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start the container waiter");
        process.StandardInput.Close();
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"starting the waiter for {id} failed: {(await error).Trim()}");
    }

    private static void LaunchWithTerminal(RuncRuntimeOptions options, RuntimeLayout layout, string id, string memoryCgroupDirectory, string stdin)
    {
        var (master, slave) = PseudoTerminal.Open();
        try
        {
            File.WriteAllText(layout.TerminalFile(id), slave);
            var exit = DetachedSpawn.Run(options.SetsidPath, WaiterArgs(options, layout, id, memoryCgroupDirectory, stdin, slave), master);
            if (exit != 0)
                throw new InvalidOperationException($"starting the waiter for {id} failed: setsid exited with {exit}");
        }
        finally
        {
            // The waiter holds its own copy now; the agent keeps nothing that a restart would lose.
            Native.LibC.close(master);
        }
    }

    private static string[] WaiterArgs(RuncRuntimeOptions options, RuntimeLayout layout, string id, string memoryCgroupDirectory, string stdin, string terminal, string? reaper = null) =>
        ["-f", options.ShellPath, layout.ShimScript, options.RuncPath, layout.RuncRoot, layout.Container(id), id, memoryCgroupDirectory, stdin, terminal, reaper ?? ""];

    private static string[] ReaperWaiterArgs(RuncRuntimeOptions options, RuntimeLayout layout, string id, string memoryCgroupDirectory, string stdin, string reaper) =>
        ["-f", reaper, "--waiter", layout.Container(id), Path.Combine(memoryCgroupDirectory, "memory.oom_control"), stdin,
         options.RuncPath, "--root", layout.RuncRoot, "--log", "runc.log", "--log-format", "json", "run", "-d", "--bundle", layout.Container(id), "--pid-file", "pid", id];

    private static void CreateFifo(string path)
    {
        if (Native.LibC.mkfifo(path, 0x180) < 0 && Native.LibC.LastError != Native.LibC.EEXIST)
            Native.LibC.Check(-1, "mkfifo " + path);
    }
}
