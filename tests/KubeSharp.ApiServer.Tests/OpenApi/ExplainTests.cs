using System.Text.Json.Nodes;
using KubeSharp.Api.Resources;
using KubeSharp.ApiServer.OpenApi;

namespace KubeSharp.ApiServer.Tests.OpenApi;

/// <summary>
/// Walks the v3 documents the way kubectl explain's template does: the GVK comes from an operation on
/// the resource's path, the schema is the component whose x-kubernetes-group-version-kind array holds
/// that GVK, and fields are followed through properties, $ref, allOf, items and additionalProperties.
/// </summary>
public class ExplainTests
{
    static readonly OpenApiDocuments Docs = new OpenApiBuilder(OpenApiFixture.Registry(), OpenApiFixture.Catalog).Build();

    static (JsonObject Gvk, JsonObject Schema, JsonObject Doc) Find(string group, string version, string resource)
    {
        var prefix = group.Length == 0 ? "/api" : "/apis/" + group;
        Assert.True(Docs.TryGetV3(OpenApiBuilder.GroupVersionPath(group, version), out var json, out _));
        var doc = JsonNode.Parse(json)!.AsObject();
        var paths = doc["paths"]!.AsObject();
        JsonObject? gvk = null;
        foreach (var search in new[] { $"{prefix}/{version}/{resource}", $"{prefix}/{version}/{resource}/{{name}}",
                                       $"{prefix}/{version}/namespaces/{{namespace}}/{resource}", $"{prefix}/{version}/namespaces/{{namespace}}/{resource}/{{name}}" })
        {
            if (paths[search] is not JsonObject item) continue;
            foreach (var method in new[] { "get", "post", "put", "patch", "delete" })
                if (item[method]?["x-kubernetes-group-version-kind"] is JsonObject found) { gvk = found; break; }
            if (gvk is not null) break;
        }
        Assert.NotNull(gvk);
        var schema = doc["components"]!["schemas"]!.AsObject()
            .Select(s => s.Value!.AsObject())
            .Single(s => s["x-kubernetes-group-version-kind"] is JsonArray a && a.Any(g => JsonNode.DeepEquals(g, gvk)));
        return (gvk, schema, doc);
    }

    static JsonObject Resolve(JsonObject schema, JsonObject doc) =>
        schema["$ref"]?.GetValue<string>() is { } r ? doc["components"]!["schemas"]![r["#/components/schemas/".Length..]]!.AsObject() : schema;

    static JsonObject? Follow(JsonObject schema, JsonObject doc, string field)
    {
        var resolved = Resolve(schema, doc);
        if (resolved["properties"]?[field] is JsonObject direct) return direct;
        if (resolved["items"] is JsonObject items) return Follow(items, doc, field);
        if (resolved["additionalProperties"] is JsonObject values) return Follow(values, doc, field);
        foreach (var sub in resolved["allOf"]?.AsArray() ?? [])
            if (Follow(sub!.AsObject(), doc, field) is { } found) return found;
        return null;
    }

    static JsonObject Fields(JsonObject schema, JsonObject doc)
    {
        var resolved = Resolve(schema, doc);
        if (resolved["properties"] is JsonObject p) return p;
        if (resolved["items"] is JsonObject items) return Fields(items, doc);
        return resolved["allOf"] is JsonArray all ? Fields(all[0]!.AsObject(), doc) : [];
    }

    [Fact]
    public void Explain_deployment_spec_template_spec_containers()
    {
        var (gvk, schema, doc) = Find("apps", "v1", "deployments");
        Assert.Equal("Deployment", gvk["kind"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(schema["description"]?.GetValue<string>()));

        JsonObject current = schema;
        foreach (var field in "spec.template.spec.containers".Split('.'))
            current = Follow(current, doc, field) ?? throw new Xunit.Sdk.XunitException($"field {field} not found");

        Assert.Equal("array", current["type"]!.GetValue<string>());
        Assert.EndsWith("io.k8s.api.core.v1.Container", current["items"]!["$ref"]!.GetValue<string>());
        var fields = Fields(current, doc);
        Assert.Contains("name", fields.Select(f => f.Key));
        Assert.Contains("image", fields.Select(f => f.Key));
        Assert.Equal("array", fields["ports"]!["type"]!.GetValue<string>());
        Assert.Contains("name", Resolve(current["items"]!.AsObject(), doc)["required"]!.AsArray().Select(r => r!.GetValue<string>()));
    }

    [Fact]
    public void Explain_works_for_core_cluster_scoped_and_custom_kinds()
    {
        var (gvk, _, _) = Find("", "v1", "namespaces");
        Assert.Equal("Namespace", gvk["kind"]!.GetValue<string>());

        var (crdGvk, crd, doc) = Find("stable.example.com", "v1", "crontabs");
        Assert.Equal("stable.example.com", crdGvk["group"]!.GetValue<string>());
        var spec = Follow(crd, doc, "spec")!;
        Assert.Equal("What to run.", spec["description"]!.GetValue<string>());
        Assert.Contains("labels", Fields(Follow(crd, doc, "metadata")!, doc).Select(f => f.Key));
    }
}
