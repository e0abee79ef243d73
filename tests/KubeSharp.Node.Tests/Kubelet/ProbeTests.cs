using System.Net;
using System.Net.Sockets;
using System.Text;
using KubeSharp.Api.Model.Core;
using KubeSharp.Node.Prober;

namespace KubeSharp.Node.Tests.Kubelet;

public sealed class ProbeTests
{
    [Fact]
    public void Grpc_health_messages_round_trip()
    {
        var request = GrpcHealthCheck.EncodeRequest("my.Service");
        Assert.Equal(0, request[0]);
        Assert.Equal(12, request[4]); // tag + length + 10 bytes
        Assert.Equal(0x0A, request[5]);
        Assert.Equal("my.Service", Encoding.UTF8.GetString(request, 7, 10));
        Assert.Equal(5, GrpcHealthCheck.EncodeRequest(null).Length);
        Assert.Equal(1, GrpcHealthCheck.DecodeStatus([0, 0, 0, 0, 2, 0x08, 0x01]));
        Assert.Equal(2, GrpcHealthCheck.DecodeStatus([0, 0, 0, 0, 2, 0x08, 0x02]));
        Assert.Equal(0, GrpcHealthCheck.DecodeStatus([0, 0, 0, 0, 0]));
    }

    [Fact]
    public void Named_ports_resolve_from_the_container_ports()
    {
        var target = new ProbeTarget("id", "10.0.0.1", [new ContainerPort { Name = "http", ContainerPortNumber = 8080 }]);
        Assert.Equal(8080, ActionRunner.ResolvePort(new KubeSharp.Api.Model.IntOrString("http"), target));
        Assert.Equal(81, ActionRunner.ResolvePort(new KubeSharp.Api.Model.IntOrString(81), target));
        Assert.Throws<ArgumentException>(() => ActionRunner.ResolvePort(new KubeSharp.Api.Model.IntOrString("nope"), target));
    }

    [Fact]
    public async Task Http_and_tcp_probes_judge_by_status_code_and_connect()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var statuses = new Queue<int>([200, 503]);
        var server = Task.Run(async () =>
        {
            for (var i = 0; i < 3; i++)
            {
                using var client = await listener.AcceptTcpClientAsync();
                var stream = client.GetStream();
                var buffer = new byte[4096];
                var request = Encoding.ASCII.GetString(buffer, 0, await stream.ReadAsync(buffer));
                if (request.Length == 0) continue; // the tcp probe only connects
                var code = statuses.Dequeue();
                await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 {code} X\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"));
            }
        });
        using var runner = new ActionRunner(null!, TimeProvider.System);
        var target = new ProbeTarget("id", "127.0.0.1", null);
        var probe = new Probe { HTTPGet = new HTTPGetAction { Path = "/healthz", Port = new KubeSharp.Api.Model.IntOrString(port) }, TimeoutSeconds = 2 };
        Assert.Equal(ProbeResult.Success, (await runner.ProbeAsync(probe, target, CancellationToken.None)).Result);
        var failed = await runner.ProbeAsync(probe, target, CancellationToken.None);
        Assert.Equal((ProbeResult.Failure, "HTTP probe failed with statuscode: 503"), (failed.Result, failed.Message));
        var tcp = new Probe { TCPSocket = new TCPSocketAction { Port = new KubeSharp.Api.Model.IntOrString(port) } };
        Assert.Equal(ProbeResult.Success, (await runner.ProbeAsync(tcp, target, CancellationToken.None)).Result);
        listener.Stop();
        var refused = await runner.ProbeAsync(tcp, target, CancellationToken.None);
        Assert.Equal($"dial tcp 127.0.0.1:{port}: connect: connection refused", refused.Message);
        await server.WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { });
    }
}
