using KubeSharp.Api.Model;
using KubeSharp.Api.Model.Core;
using KubeSharp.Node.Kubelet.Env;

namespace KubeSharp.Node.Tests.Kubelet;

public sealed class EnvironmentTests
{
    sealed class FakeObjects : IObjectSource
    {
        public Dictionary<string, ConfigMap> ConfigMaps { get; } = [];
        public Dictionary<string, Secret> Secrets { get; } = [];
        public List<Service> Services { get; } = [];

        public Task<ConfigMap?> ConfigMapAsync(string ns, string name, CancellationToken ct) => Task.FromResult(ConfigMaps.GetValueOrDefault($"{ns}/{name}"));
        public Task<Secret?> SecretAsync(string ns, string name, CancellationToken ct) => Task.FromResult(Secrets.GetValueOrDefault($"{ns}/{name}"));
        public Task<IReadOnlyList<Service>> ServicesAsync(string ns, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<Service>>(Services.Where(s => s.Metadata.Namespace == ns).ToList());
    }

    static readonly PodRuntimeFacts Facts = new("10.42.0.7", "192.0.2.2", "node1", new Dictionary<string, Quantity> { ["cpu"] = new("2"), ["memory"] = new("4Gi") });

    static Pod PodWith(Container container) => new()
    {
        Metadata = new() { Name = "web", Namespace = "ns1", Uid = "u-1", Labels = new() { ["app"] = "shop" } },
        Spec = new PodSpec { Containers = [container], ServiceAccountName = "default" },
    };

    [Theory]
    [InlineData("$(A)-$(B)", "1-2")]
    [InlineData("$$(A)", "$(A)")]
    [InlineData("$(MISSING)", "$(MISSING)")]
    [InlineData("a$b", "a$b")]
    [InlineData("$(A", "$(A")]
    [InlineData("end$", "end$")]
    public void Expansion_follows_kubernetes_rules(string input, string expected)
    {
        var values = new Dictionary<string, string> { ["A"] = "1", ["B"] = "2" };
        Assert.Equal(expected, VarExpansion.Expand(input, n => values.GetValueOrDefault(n)));
    }

    [Fact]
    public async Task Env_values_refs_and_envFrom_resolve_in_order_with_expansion()
    {
        var objects = new FakeObjects();
        objects.ConfigMaps["ns1/cfg"] = new ConfigMap { Data = new() { ["color"] = "blue", ["greeting"] = "hi", ["bad name"] = "x" } };
        objects.Secrets["ns1/sec"] = new Secret { Data = new() { ["password"] = "s3cret"u8.ToArray() } };
        var container = new Container
        {
            Name = "c",
            EnvFrom = [new EnvFromSource { ConfigMapRef = new ConfigMapEnvSource { Name = "cfg" }, Prefix = "CFG_" }],
            Env =
            [
                new EnvVar { Name = "GREETING", ValueFrom = new EnvVarSource { ConfigMapKeyRef = new ConfigMapKeySelector { Name = "cfg", Key = "greeting" } } },
                new EnvVar { Name = "PASSWORD", ValueFrom = new EnvVarSource { SecretKeyRef = new SecretKeySelector { Name = "sec", Key = "password" } } },
                new EnvVar { Name = "NAME", ValueFrom = new EnvVarSource { FieldRef = new ObjectFieldSelector { FieldPath = "metadata.name" } } },
                new EnvVar { Name = "APP", ValueFrom = new EnvVarSource { FieldRef = new ObjectFieldSelector { FieldPath = "metadata.labels['app']" } } },
                new EnvVar { Name = "IP", ValueFrom = new EnvVarSource { FieldRef = new ObjectFieldSelector { FieldPath = "status.podIP" } } },
                new EnvVar { Name = "MSG", Value = "$(GREETING) $(CFG_color) $$(NOT)" },
            ],
            Command = ["echo", "$(MSG)"],
        };
        var env = await new EnvironmentResolver(objects).ResolveAsync(PodWith(container), container, Facts, CancellationToken.None);
        var map = env.ToDictionary(e => e.Name, e => e.Value);
        Assert.Equal("blue", map["CFG_color"]);
        Assert.False(map.ContainsKey("CFG_bad name"));
        Assert.Equal("hi", map["GREETING"]);
        Assert.Equal("s3cret", map["PASSWORD"]);
        Assert.Equal("web", map["NAME"]);
        Assert.Equal("shop", map["APP"]);
        Assert.Equal("10.42.0.7", map["IP"]);
        Assert.Equal("hi blue $(NOT)", map["MSG"]);
        Assert.Equal(["echo", "hi blue $(NOT)"], EnvironmentResolver.ExpandAll(container.Command, env));
    }

    [Fact]
    public async Task Missing_references_fail_with_upstream_messages_unless_optional()
    {
        var objects = new FakeObjects();
        objects.ConfigMaps["ns1/cfg"] = new ConfigMap { Data = new() { ["a"] = "1" } };
        var resolver = new EnvironmentResolver(objects);
        async Task<string> FailureOf(EnvVarSource source)
        {
            var c = new Container { Name = "c", Env = [new EnvVar { Name = "X", ValueFrom = source }] };
            var e = await Assert.ThrowsAsync<ContainerConfigException>(() => resolver.ResolveAsync(PodWith(c), c, Facts, CancellationToken.None));
            return e.Message;
        }
        Assert.Equal("configmap \"nope\" not found", await FailureOf(new EnvVarSource { ConfigMapKeyRef = new() { Name = "nope", Key = "a" } }));
        Assert.Equal("couldn't find key k in ConfigMap ns1/cfg", await FailureOf(new EnvVarSource { ConfigMapKeyRef = new() { Name = "cfg", Key = "k" } }));
        Assert.Equal("secret \"s\" not found", await FailureOf(new EnvVarSource { SecretKeyRef = new() { Name = "s", Key = "k" } }));

        var optional = new Container { Name = "c", Env = [new EnvVar { Name = "X", ValueFrom = new() { ConfigMapKeyRef = new() { Name = "nope", Key = "a", Optional = true } } }] };
        var env = await resolver.ResolveAsync(PodWith(optional), optional, Facts, CancellationToken.None);
        Assert.DoesNotContain(env, e => e.Name == "X");
    }

    [Fact]
    public async Task Service_links_describe_services_of_the_namespace_and_the_kubernetes_service()
    {
        var objects = new FakeObjects();
        objects.Services.Add(new Service
        {
            Metadata = new() { Name = "redis-main", Namespace = "ns1" },
            Spec = new ServiceSpec { ClusterIP = "10.43.0.20", Ports = [new ServicePort { Name = "db", Port = 6379, Protocol = "TCP" }] },
        });
        objects.Services.Add(new Service { Metadata = new() { Name = "headless", Namespace = "ns1" }, Spec = new ServiceSpec { ClusterIP = "None", Ports = [new ServicePort { Port = 80 }] } });
        objects.Services.Add(new Service { Metadata = new() { Name = "kubernetes", Namespace = "default" }, Spec = new ServiceSpec { ClusterIP = "10.43.0.1", Ports = [new ServicePort { Name = "https", Port = 443 }] } });
        var c = new Container { Name = "c", Env = [new EnvVar { Name = "REDIS_MAIN_SERVICE_HOST", Value = "mine" }] };
        var map = (await new EnvironmentResolver(objects).ResolveAsync(PodWith(c), c, Facts, CancellationToken.None)).ToDictionary(e => e.Name, e => e.Value);
        Assert.Equal("mine", map["REDIS_MAIN_SERVICE_HOST"]); // the pod's own variable wins
        Assert.Equal("6379", map["REDIS_MAIN_SERVICE_PORT"]);
        Assert.Equal("6379", map["REDIS_MAIN_SERVICE_PORT_DB"]);
        Assert.Equal("tcp://10.43.0.20:6379", map["REDIS_MAIN_PORT"]);
        Assert.Equal("tcp://10.43.0.20:6379", map["REDIS_MAIN_PORT_6379_TCP"]);
        Assert.Equal("10.43.0.20", map["REDIS_MAIN_PORT_6379_TCP_ADDR"]);
        Assert.Equal("10.43.0.1", map["KUBERNETES_SERVICE_HOST"]);
        Assert.DoesNotContain(map.Keys, k => k.StartsWith("HEADLESS", StringComparison.Ordinal));

        var noLinks = PodWith(c) with { Spec = PodWith(c).Spec! with { EnableServiceLinks = false } };
        var without = (await new EnvironmentResolver(objects).ResolveAsync(noLinks, c, Facts, CancellationToken.None)).Select(e => e.Name).ToList();
        Assert.DoesNotContain("REDIS_MAIN_SERVICE_PORT", without);
        Assert.Contains("KUBERNETES_SERVICE_HOST", without);
    }

    [Fact]
    public async Task Resource_field_refs_divide_and_round_up_and_default_to_node_allocatable()
    {
        var c = new Container
        {
            Name = "c",
            Resources = new ResourceRequirements { Limits = new() { ["memory"] = new("64Mi") }, Requests = new() { ["cpu"] = new("250m") } },
            Env =
            [
                new EnvVar { Name = "MEM", ValueFrom = new() { ResourceFieldRef = new() { Resource = "limits.memory", Divisor = new("1Mi") } } },
                new EnvVar { Name = "CPU_REQ", ValueFrom = new() { ResourceFieldRef = new() { Resource = "requests.cpu", Divisor = new("1m") } } },
                new EnvVar { Name = "CPU_LIM", ValueFrom = new() { ResourceFieldRef = new() { Resource = "limits.cpu" } } },
            ],
        };
        var map = (await new EnvironmentResolver(new FakeObjects()).ResolveAsync(PodWith(c), c, Facts, CancellationToken.None)).ToDictionary(e => e.Name, e => e.Value);
        Assert.Equal("64", map["MEM"]);
        Assert.Equal("250", map["CPU_REQ"]);
        Assert.Equal("2", map["CPU_LIM"]);
    }
}
