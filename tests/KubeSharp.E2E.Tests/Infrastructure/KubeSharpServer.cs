using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace KubeSharp.E2E.Tests.Infrastructure;

/// <summary>
/// A kubesharp server started as a real process on a free port with its own data dir, and a kubectl
/// bound to it (own HOME, so discovery caches never leak between servers).
/// </summary>
public sealed class KubeSharpServer : IAsyncDisposable
{
    readonly StringBuilder _output = new();
    Process? _process;

    public string DataDir { get; }
    public int Port { get; }
    public string Home { get; }
    public string KubeconfigPath => Path.Combine(DataDir, "kubeconfig.yaml");
    public Kubectl Kubectl { get; }
    public string Output { get { lock (_output) return _output.ToString(); } }

    /// <summary>Flags added to <c>kubesharp server</c>, e.g. <c>--simulated-nodes 3</c>.</summary>
    public IReadOnlyList<string> ExtraArgs { get; }

    public KubeSharpServer(string? dataDir = null, params string[] extraArgs)
    {
        ExtraArgs = extraArgs;
        DataDir = dataDir ?? Directory.CreateTempSubdirectory("kubesharp-e2e-").FullName;
        Home = Directory.CreateTempSubdirectory("kubesharp-home-").FullName;
        Port = FreePort();
        Kubectl = new Kubectl(this);
    }

    public static async Task<KubeSharpServer> StartAsync(string? dataDir = null, params string[] extraArgs)
    {
        var server = new KubeSharpServer(dataDir, extraArgs);
        await server.StartProcessAsync();
        return server;
    }

    /// <summary>Starts (or restarts) the server process on the same port and data dir.</summary>
    public async Task StartProcessAsync()
    {
        var dll = typeof(KubeSharp.Cli.CommandLine).Assembly.Location;
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { dll, "server", "--data-dir", DataDir, "--https-listen-port", Port.ToString(), "--bind-address", "127.0.0.1" }.Concat(AgentArgs()).Concat(ExtraArgs))
            psi.ArgumentList.Add(a);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (_output) _output.AppendLine(e.Data);
            if (e.Data.Contains("kubesharp is ready", StringComparison.Ordinal)) ready.TrySetResult();
        };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        _process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException("kubesharp exited before it was ready:\n" + Output));
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        try
        {
            await ready.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException("kubesharp was not ready within 60 s:\n" + Output);
        }
    }

    /// <summary>Stops the process: SIGTERM (graceful), or a hard kill to test durability.</summary>
    public async Task StopProcessAsync(bool kill = false)
    {
        if (_process is null || _process.HasExited) return;
        if (kill) _process.Kill(entireProcessTree: true);
        else
        {
            using var term = Process.Start("kill", ["-TERM", _process.Id.ToString()]);
            await term!.WaitForExitAsync();
        }
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try { await _process.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException) { _process.Kill(entireProcessTree: true); }
        _process.Dispose();
        _process = null;
    }

    /// <summary>
    /// The in-process node agent removes every pod, link and cgroup when the test server stops; servers with
    /// simulated nodes run without it, so their node count is what the test asked for.
    /// </summary>
    IEnumerable<string> AgentArgs()
    {
        if (ExtraArgs.Contains("--disable-agent") || ExtraArgs.Contains("--simulated-nodes")) return ["--disable-agent"];
        return ["--cleanup-on-exit"];
    }

    static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await StopProcessAsync();
        TryDelete(DataDir);
        TryDelete(Home);
    }

    static void TryDelete(string dir)
    {
        try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
