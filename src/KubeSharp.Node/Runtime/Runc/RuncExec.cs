using System.Diagnostics;
using System.Text;
using KubeSharp.Node.Runtime.Native;
using Microsoft.Win32.SafeHandles;

namespace KubeSharp.Node.Runtime.Runc;

/// <summary>
/// <c>runc exec</c> in the foreground as a child of the agent: an exec session ends with its caller, so unlike the
/// main process it needs no waiter, and runc's exit status is the command's.
/// </summary>
internal sealed class RuncExec(RuncCli cli)
{
    private const int SIGTERM = 15;
    private const int SIGWINCH = 28;

    public Task<int> RunAsync(string id, ExecRequest request, CancellationToken cancellationToken) =>
        request.Tty ? RunWithTerminalAsync(id, request, cancellationToken) : RunWithPipesAsync(id, request, cancellationToken);

    private async Task<int> RunWithPipesAsync(string id, ExecRequest request, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(cli.RuncPath)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in cli.GlobalArgs.Concat(["exec", id]).Concat(request.Command))
            info.ArgumentList.Add(arg);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start runc exec");
        await using var stop = cancellationToken.Register(() => Terminate(process));

        var stdout = PumpAsync(process.StandardOutput.BaseStream, request.Stdout);
        var stderr = PumpAsync(process.StandardError.BaseStream, request.Stderr);
        // The caller's stdin may never end; the command's exit ends the session and stops feeding it.
        using var sessionEnd = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var stdin = FeedStdinAsync(request.Stdin, process.StandardInput.BaseStream, sessionEnd.Token);
        await process.WaitForExitAsync(CancellationToken.None);
        await Task.WhenAll(stdout, stderr);
        await sessionEnd.CancelAsync();
        await stdin;
        cancellationToken.ThrowIfCancellationRequested();
        return process.ExitCode;
    }

    private static async Task FeedStdinAsync(Stream? source, Stream target, CancellationToken cancellationToken)
    {
        try
        {
            if (source is not null)
            {
                var buffer = new byte[16 * 1024];
                int n;
                while ((n = await source.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    await target.WriteAsync(buffer.AsMemory(0, n), cancellationToken);
                    await target.FlushAsync(cancellationToken);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // the process went away first
        }
        finally
        {
            try { target.Close(); } catch (IOException) { }
        }
    }

    /// <summary>Copies without buffering, so interactive output shows at once.</summary>
    private static async Task PumpAsync(Stream source, Stream? target)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int n;
            while ((n = await source.ReadAsync(buffer)) > 0)
            {
                if (target is null)
                    continue;
                await target.WriteAsync(buffer.AsMemory(0, n));
                await target.FlushAsync();
            }
        }
        catch (IOException)
        {
            // a terminal master reports EIO once the other side has closed: that is the end of output
        }
    }

    private static void Terminate(Process process)
    {
        // runc forwards SIGTERM to the command; if that is ignored, killing runc ends the session anyway.
        try
        {
            LibC.kill(process.Id, SIGTERM);
            if (!process.WaitForExit(2000))
                process.Kill();
        }
        catch (InvalidOperationException)
        {
        }
    }

    /// <summary>
    /// With a terminal, runc wants its own stdio to be a terminal, which it puts in raw mode and mirrors into the
    /// container's. The agent allocates a pseudo-terminal, hands the slave to runc by path (through <c>sh</c>'s
    /// redirections, as .NET cannot pass arbitrary descriptors), and talks to the master. Resizes set the master's
    /// window size and then nudge runc with SIGWINCH, since the slave is not runc's controlling terminal.
    /// </summary>
    private async Task<int> RunWithTerminalAsync(string id, ExecRequest request, CancellationToken cancellationToken)
    {
        var (master, slavePath) = PseudoTerminal.Open();
        using var masterHandle = new SafeFileHandle(master, ownsHandle: true);
        if (request.Resize is not null && request.Resize.TryRead(out var initial))
            PseudoTerminal.SetSize(master, initial);

        var info = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment["KUBESHARP_PTY"] = slavePath;
        foreach (var arg in new[] { "-c", "exec \"$0\" \"$@\" <\"$KUBESHARP_PTY\" >\"$KUBESHARP_PTY\" 2>&1", cli.RuncPath })
            info.ArgumentList.Add(arg);
        foreach (var arg in cli.GlobalArgs.Concat(["exec", "-t", id]).Concat(request.Command))
            info.ArgumentList.Add(arg);

        using var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start runc exec");
        process.StandardInput.Close();
        var diagnostics = process.StandardError.ReadToEndAsync(CancellationToken.None);
        await using var stop = cancellationToken.Register(() => Terminate(process));

        await using var terminal = new FileStream(masterHandle, FileAccess.ReadWrite, 1, isAsync: false);
        var output = Task.Run(() => PumpAsync(terminal, request.Stdout), CancellationToken.None);
        using var sessionEnd = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var input = Task.Run(() => FeedTerminalAsync(request.Stdin, terminal, sessionEnd.Token), CancellationToken.None);
        var resize = Task.Run(() => ResizeAsync(request, master, process, sessionEnd.Token), CancellationToken.None);

        await process.WaitForExitAsync(CancellationToken.None);
        // runc has exited, so nobody holds the slave: reads on the master drain what is left, then fail with EIO.
        await output;
        await sessionEnd.CancelAsync();
        await Task.WhenAll(resize.ContinueWith(_ => { }, TaskScheduler.Default), input.ContinueWith(_ => { }, TaskScheduler.Default));
        cancellationToken.ThrowIfCancellationRequested();
        if (process.ExitCode == 1 && (await diagnostics).Length > 0 && request.Stderr is { } errors)
            await errors.WriteAsync(Encoding.UTF8.GetBytes(await diagnostics), CancellationToken.None);
        return process.ExitCode;
    }

    private static async Task FeedTerminalAsync(Stream? source, Stream terminal, CancellationToken cancellationToken)
    {
        if (source is null)
            return;
        var buffer = new byte[4096];
        try
        {
            int n;
            while ((n = await source.ReadAsync(buffer, cancellationToken)) > 0)
            {
                terminal.Write(buffer, 0, n);
                terminal.Flush();
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    private static async Task ResizeAsync(ExecRequest request, int master, Process process, CancellationToken cancellationToken)
    {
        if (request.Resize is null)
            return;
        try
        {
            await foreach (var size in request.Resize.ReadAllAsync(cancellationToken))
            {
                PseudoTerminal.SetSize(master, size);
                LibC.kill(process.Id, SIGWINCH);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
