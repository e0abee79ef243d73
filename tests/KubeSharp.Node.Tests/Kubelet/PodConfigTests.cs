using KubeSharp.Api.Model.Core;
using KubeSharp.Node.Kubelet;
using KubeSharp.Node.Kubelet.Pods;

namespace KubeSharp.Node.Tests.Kubelet;

public sealed class PodConfigTests
{
    static readonly KubeletOptions Options = new("node1", "/tmp/agent", "kt", "10.42.0.0/24", "10.43.0.10");

    [Fact]
    public void ClusterFirst_dns_points_at_cluster_dns_with_namespace_searches()
    {
        var pod = new Pod { Metadata = new() { Name = "web", Namespace = "shop", Uid = "u" }, Spec = new PodSpec() };
        var dns = SandboxConfigFactory.Dns(pod, Options)!;
        Assert.Equal(["10.43.0.10"], dns.Nameservers);
        Assert.Equal(["shop.svc.cluster.local", "svc.cluster.local", "cluster.local"], dns.Searches);
        Assert.Equal(["ndots:5"], dns.Options);
        Assert.Null(SandboxConfigFactory.Dns(pod with { Spec = new PodSpec { DNSPolicy = "Default" } }, Options));
        var custom = pod with
        {
            Spec = new PodSpec
            {
                DNSPolicy = "None",
                DNSConfig = new PodDNSConfig { Nameservers = ["1.1.1.1"], Options = [new PodDNSConfigOption { Name = "ndots", Value = "2" }] },
            },
        };
        var none = SandboxConfigFactory.Dns(custom, Options)!;
        Assert.Equal(["1.1.1.1"], none.Nameservers);
        Assert.Equal(["ndots:2"], none.Options);
    }

    [Fact]
    public void Sandbox_hostname_and_fqdn_come_from_hostname_and_subdomain()
    {
        var pod = new Pod { Metadata = new() { Name = "web-0", Namespace = "shop", Uid = "u" }, Spec = new PodSpec { Subdomain = "web" } };
        var config = SandboxConfigFactory.Build(pod, Options, 0);
        Assert.Equal("web-0", config.Hostname);
        Assert.Equal("web-0.web.shop.svc.cluster.local", config.HostnameFqdn);
        Assert.Equal("u", config.Labels![KubeletLabels.PodUid]);
        Assert.Equal("db", SandboxConfigFactory.Build(pod with { Spec = new PodSpec { Hostname = "db" } }, Options, 0).Hostname);
    }
}
