using System.Text.Json.Nodes;
using KubeSharp.Api.Selectors;

namespace KubeSharp.Api.Tests.Selectors;

public sealed class FieldSelectorTests
{
    static readonly JsonObject Pod = JsonNode.Parse("""
        {"metadata":{"name":"web-1","namespace":"default"},
         "spec":{"nodeName":"node-a","hostNetwork":false,"priority":5},
         "status":{"phase":"Running"}}
        """)!.AsObject();

    [Theory]
    [InlineData("metadata.name=web-1", true)]
    [InlineData("metadata.name==web-1", true)]
    [InlineData("metadata.name!=web-1", false)]
    [InlineData("spec.nodeName=node-a,status.phase!=Succeeded,status.phase!=Failed", true)]
    [InlineData("spec.nodeName=node-b", false)]
    [InlineData("spec.hostNetwork=false", true)]
    [InlineData("spec.priority=5", true)]
    [InlineData("status.podIP=", true)]
    [InlineData("status.podIP!=", false)]
    [InlineData("", true)]
    public void Matches_object_fields(string selector, bool expected) =>
        Assert.Equal(expected, FieldSelector.Parse(selector).Matches(FieldPath.Getter(Pod)));

    [Fact]
    public void Reads_dotted_paths()
    {
        var ev = JsonNode.Parse("""{"involvedObject":{"name":"p","kind":"Pod"},"count":3}""")!.AsObject();
        Assert.Equal("p", FieldPath.Read(ev, "involvedObject.name"));
        Assert.Equal("3", FieldPath.Read(ev, "count"));
        Assert.Null(FieldPath.Read(ev, "involvedObject"));
        Assert.Null(FieldPath.Read(ev, "metadata.namespace"));
    }

    [Fact]
    public void Unescapes_values_and_round_trips()
    {
        var s = FieldSelector.Parse(@"metadata.name=a\,b\=c\\d");
        Assert.Equal(@"a,b=c\d", s.Requirements[0].Value);
        Assert.Equal(@"metadata.name=a\,b\=c\\d", s.ToString());
    }

    [Theory]
    [InlineData("foo", "invalid selector: 'foo'; can't understand 'foo'")]
    [InlineData("a=b,c", "invalid selector: 'a=b,c'; can't understand 'c'")]
    [InlineData("a=b=c", "invalid field selector: unescaped character in value: 61")]
    [InlineData(@"a=b\x", @"invalid field selector: invalid escape sequence: \x")]
    [InlineData(@"a=b\", @"invalid field selector: invalid escape sequence: \")]
    public void Reports_upstream_errors(string input, string message) =>
        Assert.Equal(message, Assert.Throws<SelectorParseException>(() => FieldSelector.Parse(input)).Message);

    [Fact]
    public void Sorts_terms_and_finds_exact_match()
    {
        var s = FieldSelector.Parse("metadata.name=x,metadata.namespace!=kube-system");
        Assert.Equal("metadata.name=x,metadata.namespace!=kube-system", s.ToString());
        Assert.True(s.RequiresExactMatch("metadata.name", out var v) && v == "x");
        Assert.False(s.RequiresExactMatch("metadata.namespace", out _));
    }

    [Fact]
    public void Rejects_unsupported_fields()
    {
        FieldSelector.Parse("metadata.name=x,spec.nodeName=n").EnsureSupported(["spec.nodeName"]);
        var e = Assert.Throws<SelectorParseException>(() => FieldSelector.Parse("foo=bar").EnsureSupported(["spec.nodeName"]));
        Assert.Equal("field label not supported: foo", e.Message);
    }
}
