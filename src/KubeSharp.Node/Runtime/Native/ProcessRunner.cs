using System.Diagnostics;

namespace KubeSharp.Node.Runtime.Native;

/// <summary>Runs a short-lived helper program (ip, runc, iptables) and collects its output.</summary>
public static class ProcessRunner
{
    public static async Task<CommandResult> RunAsync(string program, IEnumerable<string> args, string? stdin, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {program}");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        if (stdin is not null)
            await process.StandardInput.WriteAsync(stdin.AsMemory(), cancellationToken);
        process.StandardInput.Close();
        await process.WaitForExitAsync(cancellationToken);
        return new CommandResult(process.ExitCode, await stdout, await stderr);
    }
}

public sealed record CommandResult(int ExitCode, string StandardOutput, string StandardError)
{
    public CommandResult ThrowIfFailed(string what) =>
        ExitCode == 0 ? this : throw new InvalidOperationException($"{what} failed (exit {ExitCode}): {StandardError.Trim()}");
}
