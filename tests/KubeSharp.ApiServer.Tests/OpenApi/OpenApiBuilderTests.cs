using System.Text.Json.Nodes;
using KubeSharp.Api.Resources;
using KubeSharp.Api.Schema;
using KubeSharp.ApiServer.OpenApi;

namespace KubeSharp.ApiServer.Tests.OpenApi;

public class OpenApiBuilderTests
{
    static readonly OpenApiDocuments Docs = new OpenApiBuilder(OpenApiFixture.Registry(), OpenApiFixture.Catalog).Build();

    static JsonObject V3(string path)
    {
        Assert.True(Docs.TryGetV3(path, out var json, out _), $"no document for {path}");
        return JsonNode.Parse(json)!.AsObject();
    }

    static IEnumerable<(string Path, string Method, JsonObject Op)> Operations(JsonObject doc) =>
        from path in doc["paths"]!.AsObject()
        from op in path.Value!.AsObject()
        where op.Key != "parameters"
        select (path.Key, op.Key, op.Value!.AsObject());

    [Fact]
    public void Root_lists_every_group_version_with_the_hash_of_its_document()
    {
        var root = JsonNode.Parse(Docs.V3Root)!["paths"]!.AsObject();
        Assert.Equal(["api/v1", "apis/apps/v1", "apis/authorization.k8s.io/v1", "apis/example.test/v1", "apis/stable.example.com/v1"], root.Select(p => p.Key));
        foreach (var (path, entry) in root)
        {
            Assert.True(Docs.TryGetV3(path, out var json, out var hash));
            Assert.Equal($"/openapi/v3/{path}?hash={hash}", entry!["serverRelativeURL"]!.GetValue<string>());
            Assert.Equal(OpenApiDocuments.Hash(json), hash);
            Assert.Matches("^[0-9A-F]{128}$", hash);
        }
        Assert.True(Docs.TryGetV3("/apis/apps/v1", out _, out _));
        Assert.False(Docs.TryGetV3("apis/apps/v2", out _, out _));
    }

    [Fact]
    public void Every_patch_names_its_kind_and_offers_field_validation()
    {
        foreach (var path in Docs.GroupVersionPaths)
        {
            var doc = V3(path);
            Assert.Equal("3.0.0", doc["openapi"]!.GetValue<string>());
            foreach (var (_, _, op) in Operations(doc).Where(o => o.Method == "patch"))
            {
                Assert.NotNull(op["x-kubernetes-group-version-kind"]?["kind"]);
                var names = op["parameters"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()).ToList();
                Assert.Equal(["dryRun", "fieldManager", "fieldValidation", "force"], names);
            }
        }
        var deploymentPatch = V3("apis/apps/v1")["paths"]!["/apis/apps/v1/namespaces/{namespace}/deployments/{name}"]!["patch"]!;
        Assert.Equal("""{"group":"apps","kind":"Deployment","version":"v1"}""", deploymentPatch["x-kubernetes-group-version-kind"]!.ToJsonString());
        Assert.Equal("patchAppsV1NamespacedDeployment", deploymentPatch["operationId"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("apis/apps/v1", "/apis/apps/v1/namespaces/{namespace}/deployments/{name}", true)]
    [InlineData("api/v1", "/api/v1/namespaces/{name}", true)]
    [InlineData("apis/stable.example.com/v1", "/apis/stable.example.com/v1/namespaces/{namespace}/crontabs/{name}", false)]
    [InlineData("apis/example.test/v1", "/apis/example.test/v1/namespaces/{namespace}/mysteries/{name}", false)]
    public void Strategic_merge_is_offered_only_for_built_in_kinds_with_a_real_schema(string doc, string path, bool offered)
    {
        var content = V3(doc)["paths"]![path]!["patch"]!["requestBody"]!["content"]!.AsObject();
        Assert.Equal(offered, content.ContainsKey("application/strategic-merge-patch+json"));
        Assert.True(content.ContainsKey("application/json-patch+json"));
        Assert.True(content.ContainsKey("application/merge-patch+json"));
        Assert.True(content.ContainsKey("application/apply-patch+yaml"));
    }

    [Fact]
    public void Paths_follow_scope_verbs_and_subresources()
    {
        var apps = V3("apis/apps/v1")["paths"]!.AsObject();
        Assert.Equal(
            ["/apis/apps/v1/deployments", "/apis/apps/v1/namespaces/{namespace}/deployments", "/apis/apps/v1/namespaces/{namespace}/deployments/{name}",
             "/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale", "/apis/apps/v1/namespaces/{namespace}/deployments/{name}/status"],
            apps.Select(p => p.Key));
        Assert.Equal(["parameters", "get", "post", "delete"], apps["/apis/apps/v1/namespaces/{namespace}/deployments"]!.AsObject().Select(p => p.Key));
        Assert.Equal("Scale", apps["/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale"]!["patch"]!["x-kubernetes-group-version-kind"]!["kind"]!.GetValue<string>());

        var core = V3("api/v1")["paths"]!.AsObject();
        Assert.True(core.ContainsKey("/api/v1/namespaces/{name}"));
        Assert.False(core.ContainsKey("/api/v1/namespaces/{namespace}/namespaces"));

        var authz = V3("apis/authorization.k8s.io/v1")["paths"]!.AsObject();
        Assert.Equal(["/apis/authorization.k8s.io/v1/selfsubjectaccessreviews"], authz.Select(p => p.Key));
        Assert.Equal(["parameters", "post"], authz.Single().Value!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public void Every_reference_resolves_within_its_document()
    {
        foreach (var path in Docs.GroupVersionPaths)
        {
            var doc = V3(path);
            var schemas = doc["components"]!["schemas"]!.AsObject();
            foreach (var reference in Refs(doc))
            {
                Assert.StartsWith("#/components/schemas/", reference);
                Assert.True(schemas.ContainsKey(reference["#/components/schemas/".Length..]), $"{path}: dangling {reference}");
            }
        }
        var v2 = JsonNode.Parse(Docs.V2)!.AsObject();
        Assert.Equal("2.0", v2["swagger"]!.GetValue<string>());
        var definitions = v2["definitions"]!.AsObject();
        foreach (var reference in Refs(v2))
            Assert.True(definitions.ContainsKey(reference["#/definitions/".Length..]), $"v2: dangling {reference}");
        Assert.True(definitions.ContainsKey("io.k8s.api.apps.v1.Deployment"));
        Assert.True(definitions.ContainsKey("com.example.stable.v1.CronTab"));
    }

    [Fact]
    public void Kinds_and_lists_carry_group_version_kind_arrays()
    {
        var schemas = V3("apis/apps/v1")["components"]!["schemas"]!;
        Assert.Equal("""[{"group":"apps","kind":"Deployment","version":"v1"}]""", schemas["io.k8s.api.apps.v1.Deployment"]!["x-kubernetes-group-version-kind"]!.ToJsonString());
        Assert.Equal("""[{"group":"apps","kind":"DeploymentList","version":"v1"}]""", schemas["io.k8s.api.apps.v1.DeploymentList"]!["x-kubernetes-group-version-kind"]!.ToJsonString());
        Assert.Equal("#/components/schemas/io.k8s.api.apps.v1.Deployment", schemas["io.k8s.api.apps.v1.DeploymentList"]!["properties"]!["items"]!["items"]!["$ref"]!.GetValue<string>());
        Assert.Null(schemas["io.k8s.api.apps.v1.DeploymentSpec"]!["x-kubernetes-group-version-kind"]);

        var crd = V3("apis/stable.example.com/v1")["components"]!["schemas"]!;
        Assert.Equal("""[{"group":"stable.example.com","kind":"CronTabList","version":"v1"}]""", crd["com.example.stable.v1.CronTabList"]!["x-kubernetes-group-version-kind"]!.ToJsonString());
        Assert.Equal("""[{"type":"integer"},{"type":"string"}]""", crd["com.example.stable.v1.CronTab"]!["properties"]!["spec"]!["properties"]!["port"]!["anyOf"]!.ToJsonString());

        var stub = V3("apis/example.test/v1")["components"]!["schemas"]!["test.example.v1.Mystery"];
        Assert.NotNull(stub);
        Assert.True(stub["x-kubernetes-preserve-unknown-fields"]!.GetValue<bool>());
    }

    [Fact]
    public void Field_extensions_and_formats_are_published()
    {
        var schemas = V3("apis/apps/v1")["components"]!["schemas"]!;
        var containers = schemas["io.k8s.api.core.v1.PodSpec"]!["properties"]!["containers"]!;
        Assert.Equal("merge", containers["x-kubernetes-patch-strategy"]!.GetValue<string>());
        Assert.Equal("name", containers["x-kubernetes-patch-merge-key"]!.GetValue<string>());
        Assert.Equal("map", containers["x-kubernetes-list-type"]!.GetValue<string>());
        Assert.Equal("""["name"]""", containers["x-kubernetes-list-map-keys"]!.ToJsonString());

        var strategy = schemas["io.k8s.api.apps.v1.DeploymentSpec"]!["properties"]!["strategy"]!;
        Assert.Equal("retainKeys", strategy["x-kubernetes-patch-strategy"]!.GetValue<string>());
        Assert.Equal("#/components/schemas/io.k8s.api.apps.v1.DeploymentStrategy", strategy["allOf"]![0]!["$ref"]!.GetValue<string>());
        Assert.Equal("int32", schemas["io.k8s.api.apps.v1.DeploymentSpec"]!["properties"]!["replicas"]!["format"]!.GetValue<string>());

        var maxSurge = schemas["io.k8s.api.apps.v1.RollingUpdateDeployment"]!["properties"]!["maxSurge"]!;
        Assert.Equal("#/components/schemas/" + DefinitionNames.IntOrString, maxSurge["allOf"]![0]!["$ref"]!.GetValue<string>());
        Assert.Equal("int-or-string", schemas[DefinitionNames.IntOrString]!["format"]!.GetValue<string>());
        Assert.Equal("date-time", schemas[DefinitionNames.Time]!["format"]!.GetValue<string>());
        Assert.Equal("int64", schemas[DefinitionNames.ObjectMeta]!["properties"]!["generation"]!["format"]!.GetValue<string>());
    }

    [Fact]
    public void Building_twice_gives_identical_bytes()
    {
        var again = new OpenApiBuilder(OpenApiFixture.Registry(), OpenApiFixture.Catalog).Build();
        Assert.Equal(Docs.V3Root, again.V3Root);
        Assert.True(again.TryGetV3("apis/apps/v1", out var a, out _));
        Assert.True(Docs.TryGetV3("apis/apps/v1", out var b, out _));
        Assert.Equal(b, a);
    }

    static IEnumerable<string> Refs(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    if (key == "$ref") yield return value!.GetValue<string>();
                    else foreach (var r in Refs(value)) yield return r;
                }
                break;
            case JsonArray a:
                foreach (var item in a) foreach (var r in Refs(item)) yield return r;
                break;
        }
    }
}
