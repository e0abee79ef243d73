using KubeSharp.Api.Model;
using KubeSharp.Api.Resources;
using KubeSharp.Client.Tests.Fakes;
using KubeSharp.Client.Typed;

namespace KubeSharp.Client.Tests.Typed;

[Kind("", "v1", "ConfigMap")]
public sealed record TestConfigMap : KubernetesObject
{
    public Dictionary<string, string>? Data { get; init; }
}

public sealed class ResourceClientTests
{
    static readonly GroupVersionResource ConfigMaps = new("", "v1", "configmaps");
    readonly FakeApiClient _api = new();

    [Fact]
    public async Task Round_trips_typed_objects_and_fills_type_metadata()
    {
        var client = new ResourceClient<TestConfigMap>(_api, ConfigMaps);
        var created = await client.CreateAsync(new TestConfigMap
        {
            Metadata = new ObjectMeta { Name = "cfg", Namespace = "ns" },
            Data = new() { ["k"] = "v" },
        });

        Assert.Equal("ConfigMap", created.Kind);
        Assert.Equal("v1", created.ApiVersion);
        Assert.NotNull(created.Metadata.ResourceVersion);
        var raw = _api.Stored(ConfigMaps, "ns", "cfg")!;
        Assert.Equal("ConfigMap", raw["kind"]!.GetValue<string>());
        Assert.Equal("v", raw["data"]!["k"]!.GetValue<string>());

        var updated = await client.UpdateAsync(created with { Data = new() { ["k"] = "w" } });
        Assert.Equal("w", (await client.GetAsync("ns", "cfg")).Data!["k"]);
        Assert.NotEqual(created.Metadata.ResourceVersion, updated.Metadata.ResourceVersion);

        var list = await client.ListAsync("ns");
        Assert.Equal("cfg", Assert.Single(list.Items).Metadata.Name);
        Assert.Null(await client.TryGetAsync("ns", "missing"));
    }
}
