using System.Net;
using System.Net.Sockets;

namespace KubeSharp.ApiServer.Tests.Streaming;

/// <summary>A TCP echo server on a free loopback port, standing in for a process in a pod.</summary>
public sealed class LoopbackEcho : IAsyncDisposable
{
    readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    readonly CancellationTokenSource _stop = new();
    readonly Task _accept;
    int _accepted;

    public LoopbackEcho()
    {
        _listener.Start();
        _accept = AcceptLoopAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;
    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>A loopback port nothing listens on (bound, then released).</summary>
    public static int ClosedPort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    public static async Task<Stream> DialAsync(int port, CancellationToken ct)
    {
        var client = new TcpClient { NoDelay = true };
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, ct);
        }
        catch (SocketException e)
        {
            client.Dispose();
            throw new IOException($"failed to connect to 127.0.0.1:{port}: {e.Message}", e);
        }
        return new NetworkStream(client.Client, ownsSocket: true);
    }

    async Task AcceptLoopAsync()
    {
        try
        {
            while (true)
            {
                var socket = await _listener.AcceptSocketAsync(_stop.Token);
                Interlocked.Increment(ref _accepted);
                _ = Task.Run(async () =>
                {
                    using var s = socket;
                    var buffer = new byte[16 * 1024];
                    try
                    {
                        int n;
                        while ((n = await s.ReceiveAsync(buffer, _stop.Token)) > 0)
                            await s.SendAsync(buffer.AsMemory(0, n), _stop.Token);
                        s.Shutdown(SocketShutdown.Send);
                    }
                    catch (Exception e) when (e is SocketException or OperationCanceledException) { }
                });
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException) { }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accept;
        _stop.Dispose();
    }
}
