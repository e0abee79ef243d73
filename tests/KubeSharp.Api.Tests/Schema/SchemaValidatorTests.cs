using System.Text.Json.Nodes;
using KubeSharp.Api.Schema;
using KubeSharp.Api.Tests.Schema.TestModel.Core;

namespace KubeSharp.Api.Tests.Schema;

public class SchemaValidatorTests
{
    static readonly SchemaNode CronTab = CrdSchemaConverterTests.Convert(new SchemaCatalog([typeof(Widget)]));

    static List<string> Validate(string spec) =>
        new SchemaValidator()
            .Validate(JsonNode.Parse($$"""{"apiVersion":"stable.example.com/v1","kind":"CronTab","metadata":{"name":"c"},"spec":{{spec}}}""")!.AsObject(), CronTab)
            .Select(e => e.ToString()).ToList();

    [Fact]
    public void A_valid_object_passes()
    {
        Assert.Empty(Validate("""{"cronSpec":"x","replicas":3,"mode":"Fast","port":"http","ratio":2,"tags":["a"],"labels":{"a":"b"},"extra":{"k":[1]}}"""));
        Assert.Empty(Validate("""{"cronSpec":"x","port":8080,"ratio":0.5,"replicas":null}"""));
    }

    [Fact]
    public void Type_mismatch_reads_as_upstream()
    {
        Assert.Equal(
            ["spec.replicas: Invalid value: \"string\": spec.replicas in body must be of type integer: \"string\""],
            Validate("""{"cronSpec":"x","replicas":"three"}"""));
        Assert.Equal(
            ["spec.replicas: Invalid value: \"number\": spec.replicas in body must be of type integer: \"number\""],
            Validate("""{"cronSpec":"x","replicas":1.5}"""));
        Assert.Equal(
            ["spec.tags[1]: Invalid value: \"integer\": spec.tags[1] in body must be of type string: \"integer\""],
            Validate("""{"cronSpec":"x","tags":["a",2]}"""));
        Assert.Equal(
            ["spec.port: Invalid value: \"boolean\": spec.port in body must be of type integer,string: \"boolean\""],
            Validate("""{"cronSpec":"x","port":true}"""));
    }

    [Fact]
    public void Required_and_enum()
    {
        Assert.Equal(
            ["spec.cronSpec: Required value", "spec.mode: Unsupported value: \"Medium\": supported values: \"Fast\", \"Slow\""],
            Validate("""{"mode":"Medium"}"""));
    }

    [Fact]
    public void Map_values_are_checked()
    {
        Assert.Equal(
            ["spec.labels[b]: Invalid value: \"integer\": spec.labels[b] in body must be of type string: \"integer\""],
            Validate("""{"cronSpec":"x","labels":{"a":"x","b":1}}"""));
    }
}
