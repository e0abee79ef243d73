using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using KubeSharp.Api.Resources;
using KubeSharp.ApiServer.Registry;

namespace KubeSharp.ApiServer.Tests.Registry;

/// <summary>The cache splices the revision into stored bytes; it must give what parse, set and serialize gave.</summary>
public sealed class CachedObjectTests
{
    const string Key = "/registry/core/configmaps/ns/cm";

    static byte[] Stored(string json) => JsonSerializer.SerializeToUtf8Bytes(JsonNode.Parse(json));

    static string Reference(byte[] stored, long rev)
    {
        var obj = (JsonObject)JsonNode.Parse(stored)!;
        JsonMeta.SetResourceVersion(obj, rev);
        return Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(obj));
    }

    [Theory]
    [InlineData("""{"kind":"ConfigMap","metadata":{"name":"cm","namespace":"ns"},"data":{"a":"b"}}""")]
    [InlineData("""{"metadata":{"name":"cm","resourceVersion":"17","uid":"u"},"data":{}}""")]
    [InlineData("""{"metadata":{"resourceVersion":5}}""")]
    [InlineData("""{"metadata":{}}""")]
    [InlineData("""{"spec":{"template":{"metadata":{"name":"inner"}}},"metadata":{"name":"outer","labels":{"app":"x"}},"status":{}}""")]
    [InlineData("""{"metadata":{"name":"caf\u00e9 \"q\" <b>","annotations":{"a":"\u2603"}}}""")]
    [InlineData("""{"kind":"NoMetadata"}""")]
    [InlineData("""{"metadata":"not an object"}""")]
    public void JsonMatchesParseSetAndSerialize(string json)
    {
        var stored = Stored(json);
        var cached = CachedObject.FromStored(Key, stored, 42);
        Assert.Equal(Reference(stored, 42), Encoding.UTF8.GetString(cached.Json));
        Assert.Equal("42", cached.Object["metadata"]!["resourceVersion"]!.GetValue<string>());
        Assert.Equal(42, cached.Revision);
    }

    [Fact]
    public void MetadataFieldsAreReadFromTheBytes()
    {
        var cached = CachedObject.FromStored(Key, Stored("""
            {"spec":{"template":{"metadata":{"name":"inner","labels":{"no":"pe"}}}},
             "metadata":{"labels":{"app":"web","tier":""},"name":"cm","namespace":"ns"}}
            """), 7);
        Assert.Equal(("ns", "cm"), (cached.Namespace, cached.Name));
        Assert.Equal(new Dictionary<string, string> { ["app"] = "web", ["tier"] = "" }, cached.Labels);

        var bare = CachedObject.FromStored(Key, Stored("""{"metadata":{"name":"cm"}}"""), 7);
        Assert.Null(bare.Labels);
        Assert.Equal("", bare.Namespace);
    }

    [Fact]
    public void ParseCopyIsTheCallersOwn()
    {
        var cached = CachedObject.FromStored(Key, Stored("""{"metadata":{"name":"cm"},"data":{"a":"b"}}"""), 3);
        var copy = cached.ParseCopy();
        copy["data"]!["a"] = "changed";
        Assert.Equal("b", cached.Object["data"]!["a"]!.GetValue<string>());
        Assert.Equal("b", cached.ParseCopy()["data"]!["a"]!.GetValue<string>());
    }
}
