using KubeSharp.Api.Model.Core;
using KubeSharp.Node.Kubelet;
using KubeSharp.Node.Kubelet.Pods;
using KubeSharp.Node.Runtime;
using KubeSharp.Node.Runtime.Runc;
using KubeSharp.Node.Runtime.Sandbox;

namespace KubeSharp.Node.Tests.Kubelet;

public sealed class HostNetworkTests
{
    static readonly KubeletOptions Options = new("node1", "/tmp/agent", "kt", "10.42.0.0/24", "10.43.0.10");

    static Pod HostNetworkPod(string? dnsPolicy = null) => new()
    {
        Metadata = new() { Name = "agent", Namespace = "kube-system", Uid = "u" },
        Spec = new PodSpec { HostNetwork = true, DNSPolicy = dnsPolicy, Subdomain = "sub" },
    };

    [Fact]
    public void Sandbox_shares_the_nodes_network_and_host_name()
    {
        var config = SandboxConfigFactory.Build(HostNetworkPod(), Options, 0);
        Assert.True(config.HostNetwork);
        Assert.Equal(System.Net.Dns.GetHostName(), config.Hostname);
        Assert.Null(config.HostnameFqdn);
        Assert.False(SandboxConfigFactory.Build(HostNetworkPod() with { Spec = new PodSpec() }, Options, 0).HostNetwork);
    }

    [Fact]
    public void ClusterFirst_falls_back_to_the_nodes_resolver_unless_ClusterFirstWithHostNet()
    {
        Assert.Null(SandboxConfigFactory.Dns(HostNetworkPod(), Options));
        Assert.Null(SandboxConfigFactory.Dns(HostNetworkPod("ClusterFirst"), Options));
        Assert.Null(SandboxConfigFactory.Dns(HostNetworkPod("Default"), Options));
        var cluster = SandboxConfigFactory.Dns(HostNetworkPod("ClusterFirstWithHostNet"), Options)!;
        Assert.Equal(["10.43.0.10"], cluster.Nameservers);
        Assert.Equal("kube-system.svc.cluster.local", cluster.Searches![0]);
    }

    [Fact]
    public void Hosts_file_is_the_nodes_own_plus_aliases()
    {
        var config = new PodSandboxConfig(new PodSandboxMetadata("p", "ns", "u"), "host", HostAliases: [new KubeSharp.Node.Runtime.HostAlias("1.2.3.4", ["a"])], HostNetwork: true);
        var hosts = SandboxFiles.HostNetworkHosts(config, "127.0.0.1\tlocalhost\n10.0.0.5\tmachine");
        Assert.Equal("# Kubernetes-managed hosts file (host network).\n127.0.0.1\tlocalhost\n10.0.0.5\tmachine\n\n# Entries added by HostAliases.\n1.2.3.4\ta\n", hosts);
    }

    [Fact]
    public void Container_spec_joins_the_hosts_network_and_uts_namespaces()
    {
        var config = new ContainerConfig("c", "busybox", "/tmp/x.log", Command: ["sh"]);
        var spec = OciSpecBuilder.Build(config, new ResolvedProcess(["sh"], [], "/", 0, 0), "machine", "/r", "/s", "", "/kubesharp-a/pod1/c");
        var types = spec["linux"]!["namespaces"]!.AsArray().Select(n => (string)n!["type"]!).ToList();
        Assert.Equal(["pid", "ipc", "mount"], types);
        Assert.Null(spec["hostname"]);

        var isolated = OciSpecBuilder.Build(config, new ResolvedProcess(["sh"], [], "/", 0, 0), "pod", "/r", "/s", "/var/run/netns/x", "/kubesharp-a/pod1/c");
        Assert.Contains("uts", isolated["linux"]!["namespaces"]!.AsArray().Select(n => (string)n!["type"]!));
        Assert.Equal("pod", (string?)isolated["hostname"]);
    }
}
