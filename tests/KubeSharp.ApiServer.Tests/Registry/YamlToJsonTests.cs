using KubeSharp.Api.Errors;
using KubeSharp.ApiServer.Serialization;

namespace KubeSharp.ApiServer.Tests.Registry;

public sealed class YamlToJsonTests
{
    [Fact]
    public void ScalarsGetYamlCoreTypesAndQuotedStaysString()
    {
        var doc = YamlToJson.ParseAll("a: 1\nb: true\nc: \"1\"\nd: ~\ne: 1.5\nf: text\ng: [x, 2]\n", 50).Single()!;
        Assert.Equal("""{"a":1,"b":true,"c":"1","d":null,"e":1.5,"f":"text","g":["x",2]}""", doc.ToJsonString());
    }

    [Fact]
    public void SeveralDocumentsAndAnchors()
    {
        var docs = YamlToJson.ParseAll("a: &x {k: v}\nb: *x\n---\nc: 2\n", 50);
        Assert.Equal(2, docs.Count);
        Assert.Equal("""{"a":{"k":"v"},"b":{"k":"v"}}""", docs[0]!.ToJsonString());
    }

    [Fact]
    public void DepthAndSyntaxErrorsAreBadRequests()
    {
        var deep = string.Concat(Enumerable.Repeat("[", 200)) + string.Concat(Enumerable.Repeat("]", 200));
        Assert.Equal(400, Assert.Throws<StatusError>(() => YamlToJson.ParseAll(deep, 100)).Code);
        Assert.Equal(400, Assert.Throws<StatusError>(() => YamlToJson.ParseAll("a: [b\n", 100)).Code);
    }
}
