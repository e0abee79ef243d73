using KubeSharp.Api.Resources;
using KubeSharp.Api.Schema;
using KubeSharp.ApiServer.OpenApi;

namespace KubeSharp.ApiServer.Tests.OpenApi;

public class OpenApiCacheTests
{
    [Fact]
    public void Documents_are_reused_until_the_registry_or_catalog_changes()
    {
        var registry = OpenApiFixture.Registry();
        var catalog = SchemaCatalog.ForModel();
        using var cache = new OpenApiCache(registry, catalog);

        var first = cache.Current;
        Assert.Same(first, cache.Current);

        registry.Register(new ResourceDefinition { Group = "apps", Version = "v1", Kind = "ReplicaSet", Plural = "replicasets", Singular = "replicaset", Namespaced = true });
        var second = cache.Current;
        Assert.NotSame(first, second);
        first.TryGetV3("apis/apps/v1", out _, out var before);
        second.TryGetV3("apis/apps/v1", out _, out var after);
        Assert.NotEqual(before, after);
        second.TryGetV3("api/v1", out _, out var coreAfter);
        first.TryGetV3("api/v1", out _, out var coreBefore);
        Assert.Equal(coreBefore, coreAfter);

        var gvk = new GroupVersionKind("example.test", "v1", "Mystery");
        catalog.RegisterCustom(gvk, new SchemaNode { Type = "object", Properties = new() { ["spec"] = new SchemaNode { Type = "object" } } });
        var third = cache.Current;
        Assert.NotSame(second, third);
        Assert.True(third.TryGetV3("apis/example.test/v1", out var json, out _));
        Assert.Contains("\"spec\"", System.Text.Encoding.UTF8.GetString(json));
    }
}
