using System.Text.Json.Nodes;
using KubeSharp.ApiServer.Patch;
using static KubeSharp.ApiServer.Tests.Patch.TestSchemas;

namespace KubeSharp.ApiServer.Tests.Patch;

public sealed class JsonMergePatchTests
{
    [Fact]
    public void Null_deletes_objects_merge_arrays_replace()
    {
        var original = Parse("""{"metadata":{"labels":{"a":"1","tier":"web"}},"spec":{"list":[1,2],"replicas":1}}""");
        var result = JsonMergePatch.Apply(original, Parse("""{"metadata":{"labels":{"tier":null,"b":"2"}},"spec":{"list":[3]}}"""));
        Assert.Equal("""{"metadata":{"labels":{"a":"1","b":"2"}},"spec":{"list":[3],"replicas":1}}""", result.ToJsonString());
        Assert.Equal("web", original["metadata"]!["labels"]!["tier"]!.GetValue<string>());
    }

    [Fact]
    public void New_objects_drop_their_nulls()
    {
        var result = JsonMergePatch.Apply(Parse("{}"), Parse("""{"spec":{"a":null,"b":1}}"""));
        Assert.Equal("""{"spec":{"b":1}}""", result.ToJsonString());
    }

    [Fact]
    public void Scale_patch_sets_replicas()
    {
        var result = JsonMergePatch.Apply(Parse("""{"spec":{"replicas":1,"template":{}}}"""), Parse("""{"spec":{"replicas":3}}"""));
        Assert.Equal(3, result["spec"]!["replicas"]!.GetValue<int>());
        Assert.NotNull(result["spec"]!["template"]);
    }

    [Fact]
    public void Created_patch_round_trips()
    {
        var original = Parse("""{"a":1,"b":{"c":2,"d":[1]},"gone":true}""");
        var modified = Parse("""{"a":1,"b":{"c":3,"d":[1,2]},"new":"x"}""");
        var patch = JsonMergePatch.CreateMergePatch(original, modified);
        Assert.Equal("""{"gone":null,"b":{"c":3,"d":[1,2]},"new":"x"}""", patch.ToJsonString());
        Assert.True(JsonNode.DeepEquals(modified, JsonMergePatch.Apply(original, patch)));
    }
}
