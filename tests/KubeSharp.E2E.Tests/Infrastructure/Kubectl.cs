using System.Diagnostics;
using System.Text;

namespace KubeSharp.E2E.Tests.Infrastructure;

public sealed record KubectlResult(int ExitCode, string Stdout, string Stderr)
{
    public KubectlResult EnsureSuccess()
    {
        if (ExitCode != 0) throw new InvalidOperationException($"kubectl exited {ExitCode}\nstdout: {Stdout}\nstderr: {Stderr}");
        return this;
    }
}

/// <summary>Runs the real kubectl on PATH against one kubesharp server.</summary>
public sealed class Kubectl(KubeSharpServer server)
{
    public static readonly string Binary = Environment.GetEnvironmentVariable("KUBESHARP_KUBECTL") ?? "kubectl";

    public Task<KubectlResult> RunAsync(params string[] args) => RunAsync(args, null, null);

    public async Task<KubectlResult> RunAsync(string[] args, string? stdin, IReadOnlyDictionary<string, string>? env, TimeSpan? timeout = null)
    {
        var psi = new ProcessStartInfo(Binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["KUBECONFIG"] = server.KubeconfigPath;
        psi.Environment["HOME"] = server.Home;
        psi.Environment.Remove("KUBERNETES_SERVICE_HOST");
        if (env is not null) foreach (var (k, v) in env) psi.Environment[k] = v;
        using var p = Process.Start(psi)!;
        if (stdin is not null) await p.StandardInput.WriteAsync(stdin);
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await p.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"kubectl {string.Join(' ', args)} did not finish: {await stdout} {await stderr}");
        }
        return new KubectlResult(p.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs kubectl and fails the test on a non-zero exit.</summary>
    public async Task<string> OkAsync(params string[] args) => (await RunAsync(args)).EnsureSuccess().Stdout;

    public async Task<string> ApplyAsync(string yaml, params string[] extra)
    {
        var args = new List<string> { "apply", "-f", "-" };
        args.AddRange(extra);
        return (await RunAsync(args.ToArray(), yaml, null)).EnsureSuccess().Stdout;
    }

    /// <summary>Polls until <paramref name="condition"/> holds for the output of a kubectl command.</summary>
    public async Task<string> EventuallyAsync(Func<string, bool> condition, TimeSpan timeout, params string[] args)
    {
        var deadline = DateTime.UtcNow + timeout;
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            var r = await RunAsync(args);
            last = r.Stdout + r.Stderr;
            if (r.ExitCode == 0 && condition(r.Stdout)) return r.Stdout;
            await Task.Delay(200);
        }
        throw new TimeoutException($"condition not met for kubectl {string.Join(' ', args)}; last output:\n{last}");
    }
}
