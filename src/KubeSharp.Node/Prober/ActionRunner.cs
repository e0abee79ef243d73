using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using KubeSharp.Api.Model;
using KubeSharp.Api.Model.Core;
using KubeSharp.Node.Runtime;

namespace KubeSharp.Node.Prober;

/// <summary>Runs the actions probes and lifecycle hooks are made of: exec, httpGet, tcpSocket, grpc and sleep.</summary>
public sealed class ActionRunner : IDisposable
{
    const int MaxOutputBytes = 10 * 1024;
    readonly IContainerRuntime _runtime;
    readonly TimeProvider _time;
    readonly HttpMessageInvoker _http;

    public ActionRunner(IContainerRuntime runtime, TimeProvider time)
    {
        _runtime = runtime;
        _time = time;
        _http = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = true,
            MaxAutomaticRedirections = 10,
            // Probes must not share connections (upstream disables keep-alive): each run is a fresh connect.
            PooledConnectionLifetime = TimeSpan.Zero,
            SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
        });
    }

    public Task<ProbeOutcome> ProbeAsync(Probe probe, ProbeTarget target, CancellationToken ct)
    {
        var timeout = TimeSpan.FromSeconds(Math.Max(1, probe.TimeoutSeconds ?? 1));
        if (probe.Exec is { } exec) return ExecAsync(exec, target, timeout, ct);
        if (probe.HTTPGet is { } http) return HttpGetAsync(http, target, timeout, ct);
        if (probe.TCPSocket is { } tcp) return TcpAsync(tcp, target, timeout, ct);
        if (probe.GRPC is { } grpc)
            return GrpcHealthCheck.CheckAsync(_http, target.PodIp ?? "127.0.0.1", grpc.Port ?? 0, grpc.Service, timeout, ct);
        return Task.FromResult(ProbeOutcome.Failure("probe has no action"));
    }

    /// <summary>Runs a postStart/preStop hook; <paramref name="timeout"/> bounds exec and network actions.</summary>
    public async Task<ProbeOutcome> HookAsync(LifecycleHandler handler, ProbeTarget target, TimeSpan timeout, CancellationToken ct)
    {
        if (handler.Exec is { } exec) return await ExecAsync(exec, target, timeout, ct);
        if (handler.HTTPGet is { } http) return await HttpGetAsync(http, target, timeout, ct);
        if (handler.TCPSocket is { } tcp) return await TcpAsync(tcp, target, timeout, ct);
        if (handler.Sleep is { } sleep)
        {
            var duration = TimeSpan.FromSeconds(Math.Max(0, sleep.Seconds ?? 0));
            await Task.Delay(duration < timeout ? duration : timeout, _time, ct);
            return ProbeOutcome.Success();
        }
        return ProbeOutcome.Failure("hook has no action");
    }

    async Task<ProbeOutcome> ExecAsync(ExecAction exec, ProbeTarget target, TimeSpan timeout, CancellationToken ct)
    {
        var command = exec.Command ?? [];
        if (command.Count == 0) return ProbeOutcome.Failure("exec action has no command");
        var output = new BoundedBuffer(MaxOutputBytes);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        try
        {
            var code = await _runtime.ExecAsync(target.ContainerId, new ExecRequest(command, Stdout: output, Stderr: output), cts.Token);
            var text = output.Text();
            return code == 0 ? ProbeOutcome.Success(text) : ProbeOutcome.Failure(text.Length > 0 ? text : $"command \"{string.Join(' ', command)}\" exited with {code}");
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return ProbeOutcome.Failure($"command \"{string.Join(' ', command)}\" timed out");
        }
        catch (Exception e) when (e is InvalidOperationException or KeyNotFoundException or IOException)
        {
            return ProbeOutcome.Failure(e.Message);
        }
    }

    async Task<ProbeOutcome> HttpGetAsync(HTTPGetAction action, ProbeTarget target, TimeSpan timeout, CancellationToken ct)
    {
        int port;
        try { port = ResolvePort(action.Port, target); }
        catch (ArgumentException e) { return ProbeOutcome.Failure(e.Message); }
        var scheme = (action.Scheme ?? "HTTP").ToLowerInvariant();
        var host = string.IsNullOrEmpty(action.Host) ? target.PodIp ?? "127.0.0.1" : action.Host;
        var path = string.IsNullOrEmpty(action.Path) ? "/" : action.Path.StartsWith('/') ? action.Path : "/" + action.Path;
        var url = $"{scheme}://{FormatHost(host)}:{port}{path}";
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("User-Agent", "kube-probe/1.32");
        request.Headers.TryAddWithoutValidation("Accept", "*/*");
        request.Headers.ConnectionClose = true;
        foreach (var header in action.HTTPHeaders ?? [])
        {
            if (header.Name.Equals("Host", StringComparison.OrdinalIgnoreCase)) request.Headers.Host = header.Value;
            else
            {
                request.Headers.Remove(header.Name);
                request.Headers.TryAddWithoutValidation(header.Name, header.Value);
            }
        }
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        try
        {
            using var response = await _http.SendAsync(request, cts.Token);
            var code = (int)response.StatusCode;
            var body = await ReadLimitedAsync(response, cts.Token);
            if (code is >= 200 and < 400) return ProbeOutcome.Success(body);
            return ProbeOutcome.Failure($"HTTP probe failed with statuscode: {code}");
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return ProbeOutcome.Failure($"Get \"{url}\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)");
        }
        catch (HttpRequestException e)
        {
            return ProbeOutcome.Failure($"Get \"{url}\": {Describe(e, host, port)}");
        }
    }

    async Task<ProbeOutcome> TcpAsync(TCPSocketAction action, ProbeTarget target, TimeSpan timeout, CancellationToken ct)
    {
        int port;
        try { port = ResolvePort(action.Port, target); }
        catch (ArgumentException e) { return ProbeOutcome.Failure(e.Message); }
        var host = string.IsNullOrEmpty(action.Host) ? target.PodIp ?? "127.0.0.1" : action.Host;
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(host, port, cts.Token);
            return ProbeOutcome.Success();
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return ProbeOutcome.Failure($"dial tcp {host}:{port}: i/o timeout");
        }
        catch (SocketException e)
        {
            return ProbeOutcome.Failure($"dial tcp {host}:{port}: connect: {SocketMessage(e)}");
        }
    }

    /// <summary>A named port is looked up among the container's declared ports, as upstream does.</summary>
    public static int ResolvePort(IntOrString? port, ProbeTarget target)
    {
        if (port is { IntValue: { } number }) return number;
        var name = port?.StringValue ?? "";
        if (int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)) return parsed;
        var match = target.Ports?.FirstOrDefault(p => p.Name == name);
        return match?.ContainerPortNumber ?? throw new ArgumentException($"couldn't find port: {name}");
    }

    static string FormatHost(string host) => IPAddress.TryParse(host, out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{host}]" : host;

    static string Describe(HttpRequestException e, string host, int port) =>
        e.InnerException is SocketException s ? $"dial tcp {host}:{port}: connect: {SocketMessage(s)}" : e.Message;

    static string SocketMessage(SocketException e) => e.SocketErrorCode switch
    {
        SocketError.ConnectionRefused => "connection refused",
        SocketError.HostUnreachable => "no route to host",
        SocketError.NetworkUnreachable => "network is unreachable",
        SocketError.TimedOut => "connection timed out",
        _ => e.Message,
    };

    static async Task<string> ReadLimitedAsync(HttpResponseMessage response, CancellationToken ct)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        var buffer = new byte[MaxOutputBytes];
        var total = 0;
        int n;
        while (total < buffer.Length && (n = await stream.ReadAsync(buffer.AsMemory(total), ct)) > 0) total += n;
        return Encoding.UTF8.GetString(buffer, 0, total);
    }

    public void Dispose() => _http.Dispose();

    /// <summary>Collects what an exec action prints, keeping the first bytes only.</summary>
    sealed class BoundedBuffer(int limit) : Stream
    {
        readonly MemoryStream _data = new();
        public string Text() { lock (_data) return Encoding.UTF8.GetString(_data.GetBuffer(), 0, (int)_data.Length); }
        public override void Write(byte[] buffer, int offset, int count)
        {
            lock (_data)
            {
                var room = limit - (int)_data.Length;
                if (room > 0) _data.Write(buffer, offset, Math.Min(room, count));
            }
        }
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _data.Length;
        public override long Position { get => _data.Length; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
