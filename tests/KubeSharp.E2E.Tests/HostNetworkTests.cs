using System.Net;
using System.Net.Sockets;
using KubeSharp.E2E.Tests.Infrastructure;

namespace KubeSharp.E2E.Tests;

/// <summary><c>hostNetwork: true</c> pods on the runc node agent: the node's network, address, resolver and host name.</summary>
public sealed class HostNetworkTests(ServerFixture fx) : IClassFixture<ServerFixture>
{
    Kubectl K => fx.Kubectl;

    [NodeFact]
    public async Task HostNetworkPodServesOnTheNodesLoopbackAndHasTheNodesAddress()
    {
        var ns = await fx.NamespaceAsync("hostnet");
        var port = FreePort();
        await K.ApplyAsync($$"""
            apiVersion: v1
            kind: Pod
            metadata: {name: web, namespace: {{ns}}}
            spec:
              hostNetwork: true
              terminationGracePeriodSeconds: 1
              containers:
              - name: web
                image: busybox
                command: ["sh", "-c", "mkdir -p /www && echo served-from-host-net > /www/index.html && exec httpd -f -p 127.0.0.1:{{port}} -h /www"]
                ports:
                - containerPort: {{port}}
            """);
        await K.EventuallyAsync(p => p == "Running", TimeSpan.FromSeconds(30), "-n", ns, "get", "pod", "web", "-o", "jsonpath={.status.phase}");

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        string body = "";
        for (var i = 0; i < 50 && body.Length == 0; i++)
        {
            try { body = await http.GetStringAsync($"http://127.0.0.1:{port}/index.html"); }
            catch (HttpRequestException) { await Task.Delay(100); }
        }
        Assert.Equal("served-from-host-net\n", body);

        var node = (await K.OkAsync("get", "nodes", "-o", "jsonpath={.items[0].metadata.name}")).Trim();
        var internalIp = await K.OkAsync("get", "node", node, "-o", "jsonpath={.status.addresses[?(@.type==\"InternalIP\")].address}");
        Assert.Equal(internalIp, await K.OkAsync("-n", ns, "get", "pod", "web", "-o", "jsonpath={.status.podIP}"));
        Assert.Equal(internalIp, await K.OkAsync("-n", ns, "get", "pod", "web", "-o", "jsonpath={.status.podIPs[0].ip}"));
        Assert.Equal(internalIp, await K.OkAsync("-n", ns, "get", "pod", "web", "-o", "jsonpath={.status.hostIP}"));
        // The ports default to host ports for host-network pods, as the scheduler's NodePorts filter expects.
        Assert.Equal(port.ToString(), await K.OkAsync("-n", ns, "get", "pod", "web", "-o", "jsonpath={.spec.containers[0].ports[0].hostPort}"));

        // The node's UTS namespace and resolver (dnsPolicy ClusterFirst falls back to Default on the host network).
        Assert.Equal(Dns.GetHostName() + "\n", await K.OkAsync("-n", ns, "exec", "web", "--", "hostname"));
        Assert.Equal(await File.ReadAllTextAsync("/etc/resolv.conf"), await K.OkAsync("-n", ns, "exec", "web", "--", "cat", "/etc/resolv.conf"));
        Assert.StartsWith("# Kubernetes-managed hosts file (host network).\n", await K.OkAsync("-n", ns, "exec", "web", "--", "cat", "/etc/hosts"));

        // A second pod wanting the same host port does not fit on the node.
        await K.ApplyAsync($$"""
            apiVersion: v1
            kind: Pod
            metadata: {name: clash, namespace: {{ns}}}
            spec:
              hostNetwork: true
              containers:
              - name: web
                image: busybox
                command: ["sleep", "3600"]
                ports:
                - containerPort: {{port}}
            """);
        await K.EventuallyAsync(m => m.Contains("didn't have free ports for the requested pod ports"), TimeSpan.FromSeconds(20),
            "-n", ns, "get", "pod", "clash", "-o", "jsonpath={.status.conditions[?(@.type==\"PodScheduled\")].message}");
        Assert.Equal("Pending", await K.OkAsync("-n", ns, "get", "pod", "clash", "-o", "jsonpath={.status.phase}"));
        await K.OkAsync("-n", ns, "delete", "pod", "clash", "--wait=true");

        // ClusterFirstWithHostNet asks for the cluster's DNS instead.
        await K.ApplyAsync($$"""
            apiVersion: v1
            kind: Pod
            metadata: {name: dns, namespace: {{ns}}}
            spec:
              hostNetwork: true
              dnsPolicy: ClusterFirstWithHostNet
              terminationGracePeriodSeconds: 1
              containers:
              - name: c
                image: busybox
                command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"]
            """);
        await K.EventuallyAsync(p => p == "Running", TimeSpan.FromSeconds(30), "-n", ns, "get", "pod", "dns", "-o", "jsonpath={.status.phase}");
        var resolv = await K.OkAsync("-n", ns, "exec", "dns", "--", "cat", "/etc/resolv.conf");
        Assert.Contains($"search {ns}.svc.cluster.local svc.cluster.local cluster.local", resolv);
        Assert.Contains("nameserver 10.43.0.10", resolv);

        await K.OkAsync("-n", ns, "delete", "pod", "web", "dns", "--wait=true");
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetStringAsync($"http://127.0.0.1:{port}/index.html"));
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
