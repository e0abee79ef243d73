using System.Text.Json.Nodes;
using KubeSharp.Api.Resources;
using KubeSharp.Api.Schema;
using KubeSharp.Api.Tests.Schema.TestModel.Core;

namespace KubeSharp.Api.Tests.Schema;

public class CrdSchemaConverterTests
{
    internal static readonly GroupVersionKind CronTab = new("stable.example.com", "v1", "CronTab");

    internal const string CronTabSchema = """
        {
          "type": "object",
          "description": "A periodic job.",
          "properties": {
            "spec": {
              "type": "object",
              "required": ["cronSpec"],
              "properties": {
                "cronSpec": { "type": "string", "description": "When to run." },
                "replicas": { "type": "integer", "format": "int32", "default": 1 },
                "mode": { "type": "string", "enum": ["Fast", "Slow"] },
                "port": { "x-kubernetes-int-or-string": true },
                "ratio": { "type": "number" },
                "tags": { "type": "array", "items": { "type": "string" }, "x-kubernetes-list-type": "set" },
                "ports": {
                  "type": "array",
                  "x-kubernetes-list-type": "map",
                  "x-kubernetes-list-map-keys": ["name"],
                  "items": { "type": "object", "properties": { "name": { "type": "string" }, "port": { "type": "integer" } } }
                },
                "labels": { "type": "object", "additionalProperties": { "type": "string" }, "x-kubernetes-map-type": "granular" },
                "extra": { "type": "object", "x-kubernetes-preserve-unknown-fields": true },
                "template": { "type": "object", "x-kubernetes-embedded-resource": true, "x-kubernetes-preserve-unknown-fields": true }
              }
            },
            "status": { "type": "object", "properties": { "ready": { "type": "boolean" } } }
          }
        }
        """;

    internal static SchemaNode Convert(SchemaCatalog catalog) =>
        new CrdSchemaConverter(catalog).Convert(CronTab, JsonNode.Parse(CronTabSchema)!.AsObject());

    static SchemaNode Converted() => Convert(new SchemaCatalog([typeof(Widget)]));

    [Fact]
    public void Top_level_gets_type_meta_and_object_meta()
    {
        var node = Converted();
        Assert.Equal("com.example.stable.v1.CronTab", node.DefinitionName);
        Assert.Equal(("stable.example.com", "v1", "CronTab"), node.GroupVersionKind);
        Assert.Equal("A periodic job.", node.Description);
        Assert.Equal("string", node.Property("apiVersion")!.Type);
        Assert.Equal("string", node.Property("kind")!.Type);
        Assert.Equal(DefinitionNames.ObjectMeta, node.Property("metadata")!.DefinitionName);
        Assert.NotNull(node.Property("metadata")!.Property("labels"));
    }

    [Fact]
    public void Converts_types_extensions_and_structure()
    {
        var spec = Converted().Property("spec")!;
        Assert.Equal(["cronSpec"], spec.Required!);
        Assert.Equal("When to run.", spec.Property("cronSpec")!.Description);
        Assert.Equal(("integer", "int32"), (spec.Property("replicas")!.Type, spec.Property("replicas")!.Format));
        Assert.Equal(1, spec.Property("replicas")!.Default!.GetValue<int>());
        Assert.Equal(["Fast", "Slow"], spec.Property("mode")!.Enum!);
        Assert.True(spec.Property("port")!.IntOrString);
        Assert.Null(spec.Property("port")!.Type);
        Assert.Equal(("set", "string"), (spec.Property("tags")!.ListType, spec.Property("tags")!.Items!.Type));
        Assert.Equal(["name"], spec.Property("ports")!.ListMapKeys!);
        Assert.Equal("integer", spec.Property("ports")!.Items!.Property("port")!.Type);
        Assert.Equal(("granular", "string"), (spec.Property("labels")!.MapType, spec.Property("labels")!.AdditionalProperties!.Type));
        Assert.True(spec.Property("extra")!.PreserveUnknownFields);
        var template = spec.Property("template")!;
        Assert.True(template.EmbeddedResource);
        Assert.NotNull(template.Property("apiVersion"));
        Assert.NotNull(template.Property("metadata"));
    }

    [Fact]
    public void A_missing_schema_accepts_anything()
    {
        var node = new CrdSchemaConverter(new SchemaCatalog([typeof(Widget)])).Convert(CronTab, null);
        Assert.True(node.PreserveUnknownFields);
        Assert.Equal("object", node.Type);
        Assert.NotNull(node.Property("metadata"));
    }
}
