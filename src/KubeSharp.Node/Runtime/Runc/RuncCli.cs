using KubeSharp.Node.Runtime.Native;

namespace KubeSharp.Node.Runtime.Runc;

/// <summary>The runc commands the agent runs itself (the long-lived <c>run</c> belongs to the waiter).</summary>
internal sealed class RuncCli(string runcPath, string runcRoot)
{
    public string RuncPath => runcPath;

    public IReadOnlyList<string> GlobalArgs => ["--root", runcRoot];

    /// <summary>Signals the container's init process; false when it no longer runs.</summary>
    public async Task<bool> KillAsync(string id, string signal, CancellationToken cancellationToken)
    {
        var result = await ProcessRunner.RunAsync(runcPath, [.. GlobalArgs, "kill", id, signal], null, cancellationToken);
        return result.ExitCode == 0;
    }

    public async Task DeleteAsync(string id, CancellationToken cancellationToken)
    {
        var result = await ProcessRunner.RunAsync(runcPath, [.. GlobalArgs, "delete", "--force", id], null, cancellationToken);
        if (result.ExitCode != 0 && !result.StandardError.Contains("does not exist", StringComparison.Ordinal)
            && !result.StandardError.Contains("not exist", StringComparison.Ordinal))
            throw new InvalidOperationException($"runc delete {id} failed: {result.StandardError.Trim()}");
    }

    public async Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken)
    {
        var result = await ProcessRunner.RunAsync(runcPath, [.. GlobalArgs, "list", "-q"], null, cancellationToken);
        return result.ExitCode == 0
            ? result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [];
    }
}
