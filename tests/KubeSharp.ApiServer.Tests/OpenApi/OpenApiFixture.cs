using System.Text.Json.Nodes;
using KubeSharp.Api.Resources;
using KubeSharp.Api.Schema;

namespace KubeSharp.ApiServer.Tests.OpenApi;

/// <summary>A registry and catalog with a few built-in kinds of the real model and one custom resource.</summary>
internal static class OpenApiFixture
{
    public static readonly GroupVersionKind CronTab = new("stable.example.com", "v1", "CronTab");

    public static readonly SchemaCatalog Catalog = CreateCatalog();

    static SchemaCatalog CreateCatalog()
    {
        var catalog = SchemaCatalog.ForModel();
        var schema = JsonNode.Parse("""
            {"type":"object","properties":{"spec":{"type":"object","description":"What to run.",
              "properties":{"cronSpec":{"type":"string"},"port":{"x-kubernetes-int-or-string":true},"replicas":{"type":"integer"}}}}}
            """)!.AsObject();
        catalog.RegisterCustom(CronTab, new CrdSchemaConverter(catalog).Convert(CronTab, schema));
        return catalog;
    }

    public static ResourceRegistry Registry()
    {
        var registry = new ResourceRegistry();
        registry.Register(new ResourceDefinition { Group = "", Version = "v1", Kind = "Pod", Plural = "pods", Singular = "pod", Namespaced = true, Subresources = ["status", "log"] });
        registry.Register(new ResourceDefinition { Group = "", Version = "v1", Kind = "Namespace", Plural = "namespaces", Singular = "namespace", Namespaced = false, Subresources = ["status"] });
        registry.Register(new ResourceDefinition { Group = "apps", Version = "v1", Kind = "Deployment", Plural = "deployments", Singular = "deployment", Namespaced = true, Subresources = ["status", "scale"] });
        registry.Register(new ResourceDefinition
        {
            Group = "authorization.k8s.io", Version = "v1", Kind = "SelfSubjectAccessReview", Plural = "selfsubjectaccessreviews",
            Singular = "selfsubjectaccessreview", Namespaced = false, Verbs = ["create"], Virtual = true,
        });
        registry.Register(new ResourceDefinition
        {
            Group = "stable.example.com", Version = "v1", Kind = "CronTab", Plural = "crontabs", Singular = "crontab", Namespaced = true, IsCustom = true,
        });
        registry.Register(new ResourceDefinition { Group = "example.test", Version = "v1", Kind = "Mystery", Plural = "mysteries", Singular = "mystery", Namespaced = true });
        return registry;
    }

    public static JsonObject V3(Api.Resources.ResourceRegistry registry, string path)
    {
        var docs = new KubeSharp.ApiServer.OpenApi.OpenApiBuilder(registry, Catalog).Build();
        Assert.True(docs.TryGetV3(path, out var json, out _), $"no document for {path}");
        return JsonNode.Parse(json)!.AsObject();
    }
}
