using System.Text.Json.Nodes;
using KubeSharp.ApiServer.Patch;
using static KubeSharp.ApiServer.Tests.Patch.TestSchemas;

namespace KubeSharp.ApiServer.Tests.Patch;

public sealed class JsonPatchTests
{
    static JsonObject Doc() => Parse("""{"metadata":{"name":"a","labels":{"x/y":"1","t~n":"2"}},"spec":{"list":[1,2,3],"replicas":1}}""");

    static JsonObject Apply(JsonObject doc, string patch) => JsonPatch.Apply(doc, JsonNode.Parse(patch));

    [Fact]
    public void Add_replace_remove_and_test()
    {
        var result = Apply(Doc(), """
            [{"op":"test","path":"/spec/replicas","value":1},
             {"op":"replace","path":"/spec/replicas","value":3},
             {"op":"add","path":"/spec/paused","value":true},
             {"op":"remove","path":"/metadata/name"}]
            """);
        Assert.Equal(3, result["spec"]!["replicas"]!.GetValue<int>());
        Assert.True(result["spec"]!["paused"]!.GetValue<bool>());
        Assert.False(result["metadata"]!.AsObject().ContainsKey("name"));
    }

    [Fact]
    public void Pointer_escapes_and_array_positions()
    {
        var result = Apply(Doc(), """
            [{"op":"replace","path":"/metadata/labels/x~1y","value":"one"},
             {"op":"remove","path":"/metadata/labels/t~0n"},
             {"op":"add","path":"/spec/list/-","value":4},
             {"op":"add","path":"/spec/list/0","value":0},
             {"op":"remove","path":"/spec/list/2"}]
            """);
        Assert.Equal("one", result["metadata"]!["labels"]!["x/y"]!.GetValue<string>());
        Assert.False(result["metadata"]!["labels"]!.AsObject().ContainsKey("t~n"));
        Assert.Equal("[0,1,3,4]", result["spec"]!["list"]!.ToJsonString());
    }

    [Fact]
    public void Move_and_copy()
    {
        var result = Apply(Doc(), """
            [{"op":"copy","from":"/spec/replicas","path":"/spec/copied"},
             {"op":"move","from":"/metadata/name","path":"/spec/name"}]
            """);
        Assert.Equal(1, result["spec"]!["copied"]!.GetValue<int>());
        Assert.Equal("a", result["spec"]!["name"]!.GetValue<string>());
        Assert.Null(result["metadata"]!["name"]);
    }

    [Fact]
    public void Failure_leaves_the_document_untouched()
    {
        var doc = Doc();
        var before = doc.ToJsonString();
        var ex = Assert.Throws<PatchException>(() => Apply(doc, """
            [{"op":"replace","path":"/spec/replicas","value":9},
             {"op":"remove","path":"/spec/foo"}]
            """));
        Assert.Equal(before, doc.ToJsonString());
        Assert.Equal(422, ex.StatusCode);
        Assert.Contains("Unable to remove nonexistent key: foo: missing value", ex.Message);
    }

    [Theory]
    [InlineData("""[{"op":"add","path":"/spec/foo/bar","value":1}]""", "add operation does not apply: doc is missing path: \"/spec/foo/bar\": missing value")]
    [InlineData("""[{"op":"replace","path":"/spec/foo","value":1}]""", "replace operation does not apply: doc is missing key: /spec/foo: missing value")]
    [InlineData("""[{"op":"test","path":"/spec/replicas","value":2}]""", "testing value /spec/replicas failed: test failed")]
    [InlineData("""[{"op":"move","from":"/spec/nope","path":"/x"}]""", "move operation does not apply: doc is missing from path: /spec/nope: missing value")]
    [InlineData("""[{"op":"frob","path":"/x"}]""", "Unexpected kind: frob")]
    public void Errors_use_upstream_messages(string patch, string message)
    {
        var ex = Assert.Throws<PatchException>(() => Apply(Doc(), patch));
        Assert.Equal(message, ex.Message);
    }

    [Fact]
    public void Patch_must_be_an_array()
    {
        var ex = Assert.Throws<PatchException>(() => Apply(Doc(), """{"op":"add"}"""));
        Assert.Equal(400, ex.StatusCode);
    }

    [Fact]
    public void Too_many_operations_are_rejected()
    {
        var ops = new JsonArray([.. Enumerable.Range(0, JsonPatch.MaxOperations + 1)
            .Select(_ => (JsonNode)new JsonObject { ["op"] = "test", ["path"] = "/spec/replicas", ["value"] = 1 })]);
        var ex = Assert.Throws<PatchException>(() => JsonPatch.Apply(Doc(), ops));
        Assert.Equal(413, ex.StatusCode);
        Assert.Equal("The allowed maximum operations in a JSON patch is 10000, got 10001", ex.Message);
    }

    [Fact]
    public void Copied_values_are_independent()
    {
        var result = Apply(Doc(), """
            [{"op":"copy","from":"/metadata/labels","path":"/spec/labels"},
             {"op":"add","path":"/spec/labels/new","value":"v"}]
            """);
        Assert.Null(result["metadata"]!["labels"]!["new"]);
        Assert.Equal("v", result["spec"]!["labels"]!["new"]!.GetValue<string>());
    }
}
