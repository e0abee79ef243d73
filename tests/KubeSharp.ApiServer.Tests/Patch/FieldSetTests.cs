using System.Text.Json.Nodes;
using KubeSharp.ApiServer.Patch;
using static KubeSharp.ApiServer.Tests.Patch.TestSchemas;

namespace KubeSharp.ApiServer.Tests.Patch;

public sealed class FieldSetTests
{
    const string Sample = """{"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:containers":{"k:{\"name\":\"web\"}":{".":{},"f:image":{},"f:name":{}}},"f:finalizers":{"v:\"a\"":{}}}}""";

    [Fact]
    public void FieldsV1_round_trips()
    {
        var set = FieldSet.FromFieldsV1(Parse(Sample));
        Assert.Equal(Sample, Json(set.ToFieldsV1()));
        Assert.Equal(5, set.Paths().Count());
    }

    [Fact]
    public void Paths_print_like_upstream()
    {
        var set = FieldSet.FromFieldsV1(Parse(Sample));
        var printed = set.Paths().Select(FieldPathFormat.Format).ToList();
        Assert.Contains(".metadata.labels.app", printed);
        Assert.Contains(".spec.containers[name=\"web\"]", printed);
        Assert.Contains(".spec.containers[name=\"web\"].image", printed);
        Assert.Contains(".spec.finalizers[=\"a\"]", printed);
    }

    [Fact]
    public void Keys_are_canonical_whatever_the_member_order()
    {
        var a = PathElement.Key(Parse("""{"protocol":"TCP","containerPort":80}"""));
        var b = PathElement.Key(Parse("""{"containerPort":80,"protocol":"TCP"}"""));
        Assert.Equal(a, b);
        Assert.Equal("""k:{"containerPort":80,"protocol":"TCP"}""", a.Encode());
        Assert.Equal("""[containerPort=80,protocol="TCP"]""", a.ToString());
    }

    [Fact]
    public void Set_operations()
    {
        var app = new[] { PathElement.Field("metadata"), PathElement.Field("labels"), PathElement.Field("app") };
        var tier = new[] { PathElement.Field("metadata"), PathElement.Field("labels"), PathElement.Field("tier") };
        var replicas = new[] { PathElement.Field("spec"), PathElement.Field("replicas") };
        var left = FieldSet.Of(app, replicas);
        var right = FieldSet.Of(tier, replicas);

        Assert.Equal(3, left.Union(right).Paths().Count());
        Assert.Equal([FieldPathFormat.Format(app)], left.Difference(right).Paths().Select(FieldPathFormat.Format));
        Assert.Equal([FieldPathFormat.Format(replicas)], left.Intersection(right).Paths().Select(FieldPathFormat.Format));
        var metadata = FieldSet.Of([PathElement.Field("metadata")]);
        Assert.Equal([FieldPathFormat.Format(replicas)], left.RecursiveDifference(metadata).Paths().Select(FieldPathFormat.Format));
        Assert.True(left.HasDescendants([PathElement.Field("metadata")]));
        Assert.False(left.Has([PathElement.Field("metadata")]));
    }

    [Fact]
    public void Object_fields_follow_list_types()
    {
        var deployment = Parse("""
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d","labels":{"app":"x"},"finalizers":["f"]},
             "spec":{"replicas":1,"selector":{"matchLabels":{}},"template":{"spec":{
               "containers":[{"name":"web","image":"i","args":["a"],"ports":[{"containerPort":80,"protocol":"TCP"}]}],
               "tolerations":[{"key":"k"}]}}}}
            """);
        Assert.Equal("""
            {"f:metadata":{"f:finalizers":{"v:\"f\"":{}},"f:labels":{"f:app":{}}},"f:spec":{"f:replicas":{},"f:template":{"f:spec":{"f:containers":{"k:{\"name\":\"web\"}":{".":{},"f:args":{},"f:image":{},"f:name":{},"f:ports":{"k:{\"containerPort\":80,\"protocol\":\"TCP\"}":{".":{},"f:containerPort":{},"f:protocol":{}}}}},"f:tolerations":{}}}}}
            """.Trim(), Json(ServerSideApply.FieldsOf(deployment, Deployment)));
    }
}
