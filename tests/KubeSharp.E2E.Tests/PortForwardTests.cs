using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using KubeSharp.E2E.Tests.Infrastructure;

namespace KubeSharp.E2E.Tests;

/// <summary>
/// <c>kubectl port-forward</c> to a real pod: kubectl 1.32 over the SPDY-in-WebSocket tunnel it tries
/// first, and an older kubectl over the plain SPDY/3.1 upgrade.
/// </summary>
public sealed class PortForwardTests(ServerFixture fx) : IClassFixture<ServerFixture>
{
    Kubectl K => fx.Kubectl;

    [NodeFact]
    public async Task TunnelCarriesSequentialAndConcurrentConnectionsAndReportsARefusedPort()
    {
        var ns = await StartEchoPodAsync("pf-tunnel");
        var (echoPort, refusedPort) = (FreePort(), FreePort());
        await using var forward = PortForward.Start(fx.Server, Kubectl.Binary, ["-v=6", "-n", ns, "port-forward", "pod/echo", $"{echoPort}:9000", $"{refusedPort}:9999"]);
        await forward.WaitForOutputAsync($"Forwarding from 127.0.0.1:{refusedPort} -> 9999");

        // kubectl 1.32 upgraded with a WebSocket GET (the tunnel), not the POST of the SPDY fallback.
        Assert.Contains("/portforward 101 Switching Protocols", forward.Stderr);
        Assert.Matches(@"GET https://\S+/pods/echo/portforward 101", forward.Stderr);
        Assert.DoesNotContain("POST https://", forward.Stderr);

        await forward.ExplainFailuresAsync(async () =>
        {
            for (var i = 0; i < 3; i++)
                await EchoAsync(echoPort, 64 * 1024 + i);

            // Two connections open at once through the one forward, each answered before either ends.
            using var a = await ConnectAsync(echoPort);
            using var b = await ConnectAsync(echoPort);
            var first = RandomBytes(300_000);
            var second = RandomBytes(200_000);
            var halves = await Task.WhenAll(SendHalfAsync(a, first), SendHalfAsync(b, second));
            var rests = await Task.WhenAll(FinishAsync(a, first), FinishAsync(b, second));
            Assert.Equal(first, halves[0].Concat(rests[0]).ToArray());
            Assert.Equal(second, halves[1].Concat(rests[1]).ToArray());
        });
        Assert.Equal(5, Occurrences(forward.Stdout, $"Handling connection for {echoPort}"));

        // Nothing listens on 9999: the connection ends at once and kubectl prints the node's error. kubectl
        // (1.23 and later, 1.32 included) then drops the whole forward, as against a real kubelet.
        using (var refused = await ConnectAsync(refusedPort))
            Assert.Empty(await ReadToEndAsync(refused));
        var exit = await forward.WaitForExitAsync(TimeSpan.FromSeconds(15));
        Assert.NotEqual(0, exit);
        Assert.Contains($"an error occurred forwarding {refusedPort} -> 9999: error forwarding port 9999 to pod echo", forward.Stderr);
        Assert.Contains("lost connection to pod", forward.Stderr);

        // The server is unharmed: a new forward over the tunnel works at once.
        var again = FreePort();
        await using var next = PortForward.Start(fx.Server, Kubectl.Binary, ["-n", ns, "port-forward", "pod/echo", $"{again}:9000"]);
        await next.WaitForOutputAsync($"Forwarding from 127.0.0.1:{again} -> 9000");
        await EchoAsync(again, 1000);
    }

    [NodeFact]
    public async Task OlderKubectlUsesThePlainSpdyUpgrade()
    {
        var old = OlderKubectl("1.29");
        var ns = await StartEchoPodAsync("pf-spdy");
        var local = FreePort();
        await using var forward = PortForward.Start(fx.Server, old, ["-v=6", "-n", ns, "port-forward", "pod/echo", $"{local}:9000"]);
        await forward.WaitForOutputAsync($"Forwarding from 127.0.0.1:{local} -> 9000");
        Assert.Matches(@"POST https://\S+/pods/echo/portforward 101", forward.Stderr);
        Assert.DoesNotContain("tunneling_dialer", forward.Stderr);
        await forward.ExplainFailuresAsync(async () =>
        {
            await EchoAsync(local, 100_000);
            await EchoAsync(local, 10);
        });
    }

    async Task<string> StartEchoPodAsync(string prefix)
    {
        var ns = await fx.NamespaceAsync(prefix);
        // nc -ll forks a `cat` per connection: an echo server that serves connections concurrently.
        await K.OkAsync("-n", ns, "run", "echo", "--image=busybox", "--", "nc", "-ll", "-p", "9000", "-e", "cat");
        await K.EventuallyAsync(p => p == "Running", TimeSpan.FromSeconds(30), "-n", ns, "get", "pod", "echo", "-o", "jsonpath={.status.phase}");
        await K.EventuallyAsync(o => o.Contains(":9000 "), TimeSpan.FromSeconds(15), "-n", ns, "exec", "echo", "--", "netstat", "-ltn");
        return ns;
    }

    /// <summary>kubectl.1.N, installed next to the kubectl dispatcher of the Google Cloud SDK.</summary>
    static string OlderKubectl(string minor)
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Select(d => Path.Combine(d, "kubectl")).FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("kubectl is not on PATH");
        var real = File.ResolveLinkTarget(onPath, returnFinalTarget: true)?.FullName ?? onPath;
        var old = Path.Combine(Path.GetDirectoryName(real)!, "kubectl." + minor);
        Assert.True(File.Exists(old), $"{old} is missing (it comes with the google-cloud-cli kubectl)");
        return old;
    }

    static async Task EchoAsync(int port, int size)
    {
        using var client = await ConnectAsync(port);
        var data = RandomBytes(size);
        Assert.Equal(data, await ExchangeAsync(client, data));
    }

    static async Task<byte[]> ExchangeAsync(TcpClient client, byte[] data) => [.. await SendHalfAsync(client, data), .. await FinishAsync(client, data)];

    /// <summary>Sends the first half and waits for its echo: the connection is live end to end.</summary>
    static async Task<byte[]> SendHalfAsync(TcpClient client, byte[] data)
    {
        var stream = client.GetStream();
        var half = data.Length / 2;
        // Written while reading, so the echo never backs up into the write.
        var write = stream.WriteAsync(data.AsMemory(0, half)).AsTask();
        var received = new MemoryStream();
        var buffer = new byte[64 * 1024];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (received.Length < half)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, half - received.Length)), timeout.Token);
            if (n == 0) break;
            received.Write(buffer, 0, n);
        }
        await write;
        return received.ToArray();
    }

    /// <summary>Sends the second half, half-closes, and reads the echo to its end.</summary>
    static async Task<byte[]> FinishAsync(TcpClient client, byte[] data)
    {
        var write = Task.Run(async () =>
        {
            await client.GetStream().WriteAsync(data.AsMemory(data.Length / 2));
            client.Client.Shutdown(SocketShutdown.Send);
        });
        var rest = await ReadToEndAsync(client);
        await write;
        return rest;
    }

    static async Task<byte[]> ReadToEndAsync(TcpClient client)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var output = new MemoryStream();
        await client.GetStream().CopyToAsync(output, timeout.Token);
        return output.ToArray();
    }

    static async Task<TcpClient> ConnectAsync(int port)
    {
        var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync(IPAddress.Loopback, port);
        return client;
    }

    static byte[] RandomBytes(int n)
    {
        var b = new byte[n];
        Random.Shared.NextBytes(b);
        return b;
    }

    static int Occurrences(string text, string what) => (text.Length - text.Replace(what, "", StringComparison.Ordinal).Length) / what.Length;

    static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    /// <summary>A running <c>kubectl port-forward</c>; its output is collected as it comes, and disposing kills it.</summary>
    sealed class PortForward : IAsyncDisposable
    {
        readonly Process _process;
        readonly StringBuilder _stdout = new(), _stderr = new();

        PortForward(Process process) => _process = process;

        public string Stdout { get { lock (_stdout) return _stdout.ToString(); } }
        public string Stderr { get { lock (_stderr) return _stderr.ToString(); } }

        public static PortForward Start(KubeSharpServer server, string kubectl, string[] args)
        {
            var psi = new ProcessStartInfo(kubectl) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in args) psi.ArgumentList.Add(a);
            psi.Environment["KUBECONFIG"] = server.KubeconfigPath;
            psi.Environment["HOME"] = server.Home;
            psi.Environment.Remove("KUBECTL_PORT_FORWARD_WEBSOCKETS");
            var forward = new PortForward(new Process { StartInfo = psi });
            forward._process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (forward._stdout) forward._stdout.AppendLine(e.Data); };
            forward._process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (forward._stderr) forward._stderr.AppendLine(e.Data); };
            forward._process.Start();
            forward._process.BeginOutputReadLine();
            forward._process.BeginErrorReadLine();
            return forward;
        }

        public async Task WaitForOutputAsync(string marker)
        {
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (!Stdout.Contains(marker, StringComparison.Ordinal))
            {
                if (_process.HasExited || DateTime.UtcNow > deadline)
                    Assert.Fail($"port-forward did not print \"{marker}\"\nstdout: {Stdout}\nstderr: {Stderr}");
                await Task.Delay(50);
            }
        }

        /// <summary>Runs traffic through the forward; a failure carries what kubectl printed.</summary>
        public async Task ExplainFailuresAsync(Func<Task> traffic)
        {
            try { await traffic(); }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                throw new InvalidOperationException($"{e.Message}\nkubectl stdout: {Stdout}\nkubectl stderr: {Stderr}", e);
            }
        }

        public async Task<int> WaitForExitAsync(TimeSpan timeout)
        {
            using var cts = new CancellationTokenSource(timeout);
            try { await _process.WaitForExitAsync(cts.Token); }
            catch (OperationCanceledException) { Assert.Fail($"port-forward still runs\nstdout: {Stdout}\nstderr: {Stderr}"); }
            return _process.ExitCode;
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
            _process.Dispose();
        }
    }
}
