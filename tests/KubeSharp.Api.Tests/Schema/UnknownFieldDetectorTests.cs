using System.Text.Json.Nodes;
using KubeSharp.Api.Schema;
using KubeSharp.Api.Tests.Schema.TestModel.Apps;
using KubeSharp.Api.Tests.Schema.TestModel.Core;

namespace KubeSharp.Api.Tests.Schema;

public class UnknownFieldDetectorTests
{
    static readonly SchemaCatalog Catalog = new([typeof(Widget), typeof(Gizmo)]);
    static SchemaNode WidgetSchema => Catalog.ForKind(new("", "v1", "Widget"))!;

    static IReadOnlyList<string> Find(string json, SchemaNode? schema = null) =>
        new UnknownFieldDetector().Find(JsonNode.Parse(json)!.AsObject(), schema ?? WidgetSchema);

    [Fact]
    public void A_valid_object_has_no_unknown_fields()
    {
        Assert.Empty(Find("""
            {"apiVersion":"v1","kind":"Widget","metadata":{"name":"w","labels":{"a":"b"},"ownerReferences":[{"apiVersion":"v1","kind":"X","name":"x","uid":"1"}]},
             "spec":{"replicas":1,"gadgets":[{"name":"g","size":2}],"settings":{"any":"thing"},"raw":{"free":{"form":[1,2]}},"port":"http","limits":{"cpu":"1"}}}
            """));
    }

    [Fact]
    public void Paths_are_spelled_as_upstream_strict_decoding_prints_them()
    {
        var found = Find("""
            {"apiVersion":"v1","kind":"Widget","bogus":1,"metadata":{"name":"w","nme":"x"},
             "spec":{"replicas":1,"foo":true,"gadgets":[{"name":"a"},{"name":"b","colour":"red"}],"tree":{"children":[{"children":[{"leaf":1}]}]}}}
            """);
        Assert.Equal(["bogus", "metadata.nme", "spec.foo", "spec.gadgets[1].colour", "spec.tree.children[0].children[0].leaf"], found);
        Assert.Equal("unknown field \"spec.foo\"", UnknownFieldDetector.Message(found[2]));
    }

    [Fact]
    public void Map_values_are_walked_with_the_key_as_a_path_segment()
    {
        var spec = new SchemaNode
        {
            Type = "object",
            Properties = new()
            {
                ["byName"] = new SchemaNode
                {
                    Type = "object",
                    AdditionalProperties = new SchemaNode { Type = "object", Properties = new() { ["size"] = new SchemaNode { Type = "integer" } } },
                },
            },
        };
        Assert.Equal(["byName.a.colour"], Find("""{"byName":{"a":{"size":1,"colour":"red"},"b":{"size":2}}}""", spec));
    }

    [Fact]
    public void Type_mismatches_are_not_reported_as_unknown_fields()
    {
        Assert.Empty(Find("""{"spec":{"replicas":{"x":1},"port":{"y":2},"gadgets":"none"}}"""));
    }

    [Fact]
    public void Custom_resources_honour_preserve_unknown_fields()
    {
        var schema = CrdSchemaConverterTests.Convert(Catalog);
        var found = Find("""
            {"apiVersion":"stable.example.com/v1","kind":"CronTab","metadata":{"name":"c"},
             "spec":{"cronSpec":"* * * * *","extra":{"anything":{"goes":1}},"template":{"apiVersion":"v1","kind":"Pod","spec":{"x":1}},
                     "ports":[{"name":"a","port":1,"proto":"TCP"}],"labels":{"k":"v"},"wat":1},
             "status":{"ready":true,"phase":"x"}}
            """, schema);
        Assert.Equal(["spec.ports[0].proto", "spec.wat", "status.phase"], found);
    }
}
