using KubeSharp.Node.Images;
using KubeSharp.Node.Runtime;
using KubeSharp.Node.Runtime.Cgroups;
using KubeSharp.Node.Runtime.Runc;
using KubeSharp.Node.Runtime.Sandbox;

namespace KubeSharp.Node.Tests.Runtime;

public sealed class SpecTests
{
    private static ContainerConfig Config(IReadOnlyList<string>? command = null, IReadOnlyList<string>? args = null) =>
        new("c", "busybox", "/tmp/x.log", Command: command, Args: args);

    [Fact]
    public void Command_replaces_entrypoint_and_args_replace_cmd()
    {
        var image = new ImageRuntimeConfig(Entrypoint: ["/entry"], Cmd: ["default"]);
        Assert.Equal(["/entry", "default"], OciSpecBuilder.ResolveArgs(Config(), image));
        Assert.Equal(["/entry", "x"], OciSpecBuilder.ResolveArgs(Config(args: ["x"]), image));
        Assert.Equal(["sh"], OciSpecBuilder.ResolveArgs(Config(command: ["sh"]), image));
        Assert.Equal(["sh", "-c", "y"], OciSpecBuilder.ResolveArgs(Config(command: ["sh"], args: ["-c", "y"]), image));
        Assert.Throws<InvalidOperationException>(() => OciSpecBuilder.ResolveArgs(Config(), new ImageRuntimeConfig()));
    }

    [Fact]
    public void Container_env_overrides_image_env()
    {
        var env = OciSpecBuilder.ResolveEnv(Config() with { Env = [new EnvVar("A", "2"), new EnvVar("B", "3")] },
            new ImageRuntimeConfig(Env: ["PATH=/bin", "A=1"]), "pod");
        Assert.Equal(["PATH=/bin", "A=2", "HOSTNAME=pod", "B=3"], env);
    }

    [Fact]
    public void Millicores_become_shares_and_quota()
    {
        Assert.Equal(2, CgroupResources.SharesFromMillis(null));
        Assert.Equal(512, CgroupResources.SharesFromMillis(500));
        Assert.Equal(50_000, CgroupResources.QuotaFromMillis(500));
        Assert.Null(CgroupResources.QuotaFromMillis(null));
        Assert.Equal(1000, CgroupResources.QuotaFromMillis(1));
    }

    [Fact]
    public void Oom_score_is_clamped_and_limits_are_in_the_spec()
    {
        var config = Config(command: ["sh"]) with { OomScoreAdj = -997, Resources = new ContainerResources(250, 500, 64L << 20) };
        var spec = OciSpecBuilder.Build(config, new ResolvedProcess(["sh"], [], "/", 0, 0), "h", "/r", "/s", "/var/run/netns/x", "/kubesharp-a/pod1/c");
        Assert.Equal(0, (int)spec["process"]!["oomScoreAdj"]!);
        Assert.Equal(64L << 20, (long)spec["linux"]!["resources"]!["memory"]!["limit"]!);
        Assert.Equal(256, (long)spec["linux"]!["resources"]!["cpu"]!["shares"]!);
        Assert.Equal(50_000, (long)spec["linux"]!["resources"]!["cpu"]!["quota"]!);
        Assert.Equal("/var/run/netns/x", (string)spec["linux"]!["namespaces"]!.AsArray().Single(n => (string)n!["type"]! == "network")!["path"]!);
    }

    [Fact]
    public void Oom_kill_counter_is_parsed()
    {
        Assert.Equal(1, CgroupTree.ParseOomKill("oom_kill_disable 0\nunder_oom 0\noom_kill 1\n"));
        Assert.Null(CgroupTree.ParseOomKill(null));
    }

    [Fact]
    public void Hosts_file_has_pod_line_and_aliases()
    {
        var hosts = SandboxFiles.Hosts(new PodSandboxConfig(new PodSandboxMetadata("p", "ns", "u"), "web-0",
            HostAliases: [new HostAlias("1.2.3.4", ["a", "b"])], HostnameFqdn: "web-0.web.ns.svc.cluster.local"), "10.42.0.7");
        Assert.Contains("127.0.0.1\tlocalhost\n", hosts);
        Assert.Contains("10.42.0.7\tweb-0.web.ns.svc.cluster.local\tweb-0\n", hosts);
        Assert.Contains("# Entries added by HostAliases.\n1.2.3.4\ta\tb\n", hosts);
    }
}
