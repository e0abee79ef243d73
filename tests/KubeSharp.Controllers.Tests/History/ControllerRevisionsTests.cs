using System.Text.Json.Nodes;
using KubeSharp.Controllers.History;
using KubeSharp.Controllers.StatefulSet;

namespace KubeSharp.Controllers.Tests.History;

public sealed class ControllerRevisionsTests
{
    static JsonObject Owner(string image) => JsonNode.Parse($$$$$"""
        {"metadata":{"name":"web","namespace":"default","uid":"u1","annotations":{"kubernetes.io/change-cause":"kubectl set image"}},
         "spec":{"template":{"metadata":{"labels":{"app":"nginx"}},"spec":{"containers":[{"name":"nginx","image":"{{{{{image}}}}}"}]}}}}
        """)!.AsObject();

    [Fact]
    public void TemplatePatch_ReplacesTheTemplateWhole_WithSortedKeys()
    {
        var patch = ControllerRevisions.TemplatePatch(Owner("nginx:1"));
        Assert.Equal("""{"spec":{"template":{"$patch":"replace","metadata":{"labels":{"app":"nginx"}},"spec":{"containers":[{"image":"nginx:1","name":"nginx"}]}}}}""",
            patch.ToJsonString());
    }

    [Fact]
    public void Hash_DependsOnDataAndCollisionCount_NotOnKeyOrder()
    {
        var a = JsonNode.Parse("""{"x":1,"y":{"b":2,"a":1}}""")!.AsObject();
        var b = JsonNode.Parse("""{"y":{"a":1,"b":2},"x":1}""")!.AsObject();
        Assert.Equal(ControllerRevisionHash.Compute(a, null), ControllerRevisionHash.Compute(b, null));
        Assert.NotEqual(ControllerRevisionHash.Compute(a, null), ControllerRevisionHash.Compute(a, 1));
        Assert.NotEqual(ControllerRevisionHash.Compute(a, null), ControllerRevisionHash.Compute(JsonNode.Parse("""{"x":2}""")!.AsObject(), null));
        Assert.Matches("^[bcdfghjklmnpqrstvwxz2456789]+$", ControllerRevisionHash.Compute(a, null));
    }

    [Fact]
    public void New_IsOwnedLabelledAndCarriesChangeCause()
    {
        var owner = Owner("nginx:1");
        var revision = ControllerRevisions.New(owner, "apps/v1", "StatefulSet", ControllerRevisions.TemplatePatch(owner), 4);
        var hash = ControllerRevisions.Name(revision, "web", null);
        Assert.Equal($"web-{hash}", revision["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal(hash, revision["metadata"]!["labels"]!["controller-revision-hash"]!.GetValue<string>());
        Assert.Equal("nginx", revision["metadata"]!["labels"]!["app"]!.GetValue<string>());
        Assert.Equal("kubectl set image", revision["metadata"]!["annotations"]!["kubernetes.io/change-cause"]!.GetValue<string>());
        Assert.Equal("u1", revision["metadata"]!["ownerReferences"]![0]!["uid"]!.GetValue<string>());
        Assert.Equal(4, revision["revision"]!.GetValue<long>());
        Assert.Equal("nginx:1", ControllerRevisions.TemplateOf(revision)!["spec"]!["containers"]![0]!["image"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("web", "web-0", 0)]
    [InlineData("web", "web-12", 12)]
    [InlineData("web", "web-", null)]
    [InlineData("web", "web-x1", null)]
    [InlineData("web", "webby-1", null)]
    [InlineData("web-a", "web-a-3", 3)]
    public void Ordinal_ParsesOnlyMembersOfTheSet(string set, string pod, int? ordinal) =>
        Assert.Equal(ordinal, StatefulPodIdentity.Ordinal(set, pod));
}
