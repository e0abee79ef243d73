using KubeSharp.Api.Validation;

namespace KubeSharp.Api.Tests.Validation;

public sealed class NameValidationTests
{
    [Theory]
    [InlineData("app")]
    [InlineData("app.kubernetes.io/name")]
    [InlineData("A_b-c.D")]
    public void Accepts_qualified_names(string key) => Assert.Empty(NameValidation.IsQualifiedName(key));

    [Fact]
    public void Qualified_name_messages()
    {
        Assert.Equal(["prefix part must be non-empty"], NameValidation.IsQualifiedName("/a"));
        Assert.Equal(
            "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
            Assert.Single(NameValidation.IsQualifiedName("-a")));
        Assert.Contains("name part must be no more than 63 characters", NameValidation.IsQualifiedName(new string('a', 64)));
        Assert.StartsWith("prefix part a lowercase RFC 1123 subdomain", Assert.Single(NameValidation.IsQualifiedName("Example.com/a")));
        Assert.EndsWith("with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')", Assert.Single(NameValidation.IsQualifiedName("a/b/c")));
        Assert.NotEmpty(NameValidation.IsQualifiedName("a\n"));
    }

    [Fact]
    public void Label_values()
    {
        Assert.Empty(NameValidation.IsValidLabelValue(""));
        Assert.Empty(NameValidation.IsValidLabelValue("v1.2_x"));
        Assert.Equal(2, NameValidation.IsValidLabelValue(new string('a', 63) + "-").Count);
    }

    [Fact]
    public void Dns_names()
    {
        Assert.Empty(NameValidation.IsDNS1123Label("my-name"));
        Assert.Equal(["must not contain dots"], NameValidation.IsDNS1123Label("a.b"));
        Assert.StartsWith("a lowercase RFC 1123 label must consist of", Assert.Single(NameValidation.IsDNS1123Label("My")));
        Assert.Empty(NameValidation.IsDNS1123Subdomain("a.example.com"));
        Assert.Contains("must be no more than 253 characters", NameValidation.IsDNS1123Subdomain(new string('a', 254)));
        Assert.StartsWith("a DNS-1035 label", Assert.Single(NameValidation.IsDNS1035Label("1abc")));
        Assert.Equal(["may not contain '/'"], NameValidation.IsValidPathSegmentName("a/b"));
    }

    [Fact]
    public void Validates_label_maps_as_field_errors()
    {
        var errs = NameValidation.ValidateLabels(new Dictionary<string, string> { ["ok"] = "-bad" }, "metadata.labels");
        var e = Assert.Single(errs);
        Assert.StartsWith("metadata.labels: Invalid value: \"-bad\": a valid label must be", e.ToString());
    }
}
