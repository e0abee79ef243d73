using System.Text.Json.Nodes;
using KubeSharp.ApiServer.Patch;
using static KubeSharp.ApiServer.Tests.Patch.TestSchemas;

namespace KubeSharp.ApiServer.Tests.Patch;

public sealed class StrategicMergePatchTests
{
    static JsonObject PodSpecPatch(string original, string patch) =>
        StrategicMergePatch.Apply(Parse(original), Parse(patch), PodSpec);

    static string Names(JsonNode? list) => string.Join(",", list!.AsArray().Select(i => i!["name"]!.GetValue<string>()));

    [Fact]
    public void Merge_lists_merge_by_key_and_keep_unmentioned_items()
    {
        var result = PodSpecPatch(
            """{"containers":[{"name":"web","image":"nginx:1","imagePullPolicy":"IfNotPresent"},{"name":"side","image":"busybox"}]}""",
            """{"containers":[{"name":"web","image":"nginx:2"}]}""");
        Assert.Equal("web,side", Names(result["containers"]));
        Assert.Equal("nginx:2", result["containers"]![0]!["image"]!.GetValue<string>());
        Assert.Equal("IfNotPresent", result["containers"]![0]!["imagePullPolicy"]!.GetValue<string>());
    }

    [Fact]
    public void New_items_without_an_order_come_before_server_only_items()
    {
        // Upstream's ordering: patch items first unless the live list had a server-only item before them.
        var result = PodSpecPatch("""{"containers":[{"name":"a"},{"name":"b"}]}""", """{"containers":[{"name":"c"}]}""");
        Assert.Equal("c,a,b", Names(result["containers"]));
    }

    [Fact]
    public void Set_element_order_puts_items_in_the_given_order()
    {
        var result = PodSpecPatch(
            """{"containers":[{"name":"a"},{"name":"b"}]}""",
            """{"$setElementOrder/containers":[{"name":"b"},{"name":"c"},{"name":"a"}],"containers":[{"name":"c","image":"x"}]}""");
        Assert.Equal("b,c,a", Names(result["containers"]));
        Assert.False(result.ContainsKey("$setElementOrder/containers"));
    }

    [Fact]
    public void Delete_directive_removes_the_item_by_key()
    {
        var result = PodSpecPatch(
            """{"containers":[{"name":"web","env":[{"name":"A","value":"1"},{"name":"B","value":"2"}]}]}""",
            """{"containers":[{"name":"web","env":[{"$patch":"delete","name":"B"}]}]}""");
        Assert.Equal("""[{"name":"A","value":"1"}]""", result["containers"]![0]!["env"]!.ToJsonString());
    }

    [Fact]
    public void Replace_directive_in_a_list_replaces_it()
    {
        var result = PodSpecPatch(
            """{"containers":[{"name":"a","image":"1"},{"name":"b"}]}""",
            """{"containers":[{"name":"c"},{"$patch":"replace"}]}""");
        Assert.Equal("""[{"name":"c"}]""", result["containers"]!.ToJsonString());
    }

    [Fact]
    public void Replace_directive_in_a_map_replaces_it()
    {
        var result = PodSpecPatch(
            """{"nodeSelector":{"a":"1","b":"2"}}""",
            """{"nodeSelector":{"$patch":"replace","c":"3"}}""");
        Assert.Equal("""{"c":"3"}""", result["nodeSelector"]!.ToJsonString());
    }

    [Fact]
    public void Delete_directive_in_a_map_empties_it()
    {
        var result = PodSpecPatch("""{"nodeSelector":{"a":"1"}}""", """{"nodeSelector":{"$patch":"delete"}}""");
        Assert.Equal("{}", result["nodeSelector"]!.ToJsonString());
    }

    [Fact]
    public void Lists_without_merge_strategy_replace()
    {
        var result = PodSpecPatch(
            """{"tolerations":[{"key":"a","operator":"Exists"}],"containers":[{"name":"w","args":["x","y"]}]}""",
            """{"tolerations":[{"key":"b","operator":"Exists"}],"containers":[{"name":"w","args":["z"]}]}""");
        Assert.Equal("""[{"key":"b","operator":"Exists"}]""", result["tolerations"]!.ToJsonString());
        Assert.Equal("""["z"]""", result["containers"]![0]!["args"]!.ToJsonString());
    }

    [Fact]
    public void Ports_merge_by_container_port()
    {
        var result = PodSpecPatch(
            """{"containers":[{"name":"w","ports":[{"containerPort":80,"protocol":"TCP"}]}]}""",
            """{"containers":[{"name":"w","$setElementOrder/ports":[{"containerPort":80},{"containerPort":443}],"ports":[{"containerPort":443}]}]}""");
        Assert.Equal("""[{"containerPort":80,"protocol":"TCP"},{"containerPort":443}]""", result["containers"]![0]!["ports"]!.ToJsonString());
    }

    [Fact]
    public void Retain_keys_drops_unlisted_members()
    {
        var result = PodSpecPatch(
            """{"volumes":[{"name":"data","configMap":{"name":"cm"}}]}""",
            """{"volumes":[{"$retainKeys":["emptyDir","name"],"emptyDir":{},"name":"data"}]}""");
        Assert.Equal("""[{"name":"data","emptyDir":{}}]""", result["volumes"]!.ToJsonString());
    }

    [Fact]
    public void Retain_keys_rejects_patch_members_it_does_not_list()
    {
        var ex = Assert.Throws<PatchException>(() => PodSpecPatch(
            """{"volumes":[{"name":"data"}]}""",
            """{"volumes":[{"$retainKeys":["name"],"emptyDir":{},"name":"data"}]}"""));
        Assert.Equal(400, ex.StatusCode);
        Assert.Equal("invalid patch format of retainKeys", ex.Message);
    }

    [Fact]
    public void Primitive_merge_lists_are_sets_and_support_delete_from_primitive_list()
    {
        var meta = StrategicMergePatch.Apply(
            Parse("""{"metadata":{"finalizers":["a","b"]}}"""),
            Parse("""{"metadata":{"$deleteFromPrimitiveList/finalizers":["a"],"finalizers":["c","b"]}}"""),
            Deployment);
        Assert.Equal("""["c","b"]""", meta["metadata"]!["finalizers"]!.ToJsonString());
    }

    [Fact]
    public void Null_deletes_and_new_values_lose_directives_and_nulls()
    {
        var result = PodSpecPatch(
            """{"nodeSelector":{"a":"1"},"restartPolicy":"Always"}""",
            """{"restartPolicy":null,"containers":[{"name":"w","env":[{"name":"A","value":null}]}],"volumes":{"$patch":"delete"}}""");
        Assert.False(result.ContainsKey("restartPolicy"));
        Assert.False(result.ContainsKey("volumes"));
        Assert.Equal("""[{"name":"w","env":[{"name":"A"}]}]""", result["containers"]!.ToJsonString());
    }

    [Fact]
    public void Missing_merge_key_is_an_error()
    {
        var ex = Assert.Throws<PatchException>(() => PodSpecPatch("""{"containers":[{"name":"a"}]}""", """{"containers":[{"image":"x"}]}"""));
        Assert.Contains("does not contain declared merge key: name", ex.Message);
    }

    [Fact]
    public void Without_schema_it_is_a_merge_patch()
    {
        var result = StrategicMergePatch.Apply(
            Parse("""{"spec":{"items":[{"name":"a"}],"keep":1}}"""),
            Parse("""{"spec":{"items":[{"name":"b"}],"keep":null}}"""), null);
        Assert.Equal("""{"spec":{"items":[{"name":"b"}]}}""", result.ToJsonString());
    }

    [Fact]
    public void Inputs_are_not_changed()
    {
        var original = Parse("""{"containers":[{"name":"a","image":"1"}]}""");
        var patch = Parse("""{"$setElementOrder/containers":[{"name":"a"}],"containers":[{"name":"a","image":"2"}]}""");
        var (o, p) = (original.ToJsonString(), patch.ToJsonString());
        StrategicMergePatch.Apply(original, patch, PodSpec);
        Assert.Equal(o, original.ToJsonString());
        Assert.Equal(p, patch.ToJsonString());
    }

    [Fact]
    public void Set_element_order_must_agree_with_the_patch_list()
    {
        Assert.Throws<PatchException>(() => PodSpecPatch(
            """{"containers":[{"name":"a"},{"name":"b"}]}""",
            """{"$setElementOrder/containers":[{"name":"a"},{"name":"b"}],"containers":[{"name":"b"},{"name":"a"}]}"""));
    }
}
