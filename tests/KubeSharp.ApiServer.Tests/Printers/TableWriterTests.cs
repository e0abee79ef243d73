using System.Text;
using System.Text.Json.Nodes;
using KubeSharp.ApiServer.Printers;

namespace KubeSharp.ApiServer.Tests.Printers;

public sealed class TableWriterTests
{
    static readonly DateTimeOffset Now = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    static readonly JsonObject Cm = JsonNode.Parse("""
        {"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"cfg","namespace":"default","creationTimestamp":"2024-05-01T11:59:55Z","labels":{"a":"b"}},"data":{"x":"1","y":"2"}}
        """)!.AsObject();

    static JsonObject Write(IncludeObjectPolicy policy, TableListMeta? meta = null, bool columns = true) =>
        JsonNode.Parse(Encoding.UTF8.GetString(TableWriter.ToUtf8(
            PrinterRegistry.CreateBuiltIn().Get("", "configmaps"), [Cm], Now, policy, meta, columns)))!.AsObject();

    [Fact]
    public void Writes_table_with_partial_metadata()
    {
        var t = Write(IncludeObjectPolicy.Metadata, new TableListMeta("42", "tok"));
        Assert.Equal("Table", (string?)t["kind"]);
        Assert.Equal("meta.k8s.io/v1", (string?)t["apiVersion"]);
        Assert.Equal("42", (string?)t["metadata"]!["resourceVersion"]);
        Assert.Equal("tok", (string?)t["metadata"]!["continue"]);

        var cols = t["columnDefinitions"]!.AsArray();
        Assert.Equal(["Name", "Data", "Age"], cols.Select(c => (string?)c!["name"]));
        Assert.Equal("name", (string?)cols[0]!["format"]);
        Assert.Equal("integer", (string?)cols[1]!["type"]);
        Assert.Equal(0, (int)cols[2]!["priority"]!);
        Assert.NotNull(cols[2]!["description"]);

        var row = t["rows"]!.AsArray().Single()!;
        Assert.Equal("""["cfg",2,"5s"]""", row["cells"]!.ToJsonString());
        Assert.Equal("PartialObjectMetadata", (string?)row["object"]!["kind"]);
        Assert.Equal("meta.k8s.io/v1", (string?)row["object"]!["apiVersion"]);
        Assert.Equal("b", (string?)row["object"]!["metadata"]!["labels"]!["a"]);
        Assert.Null(row["object"]!["data"]);
    }

    [Fact]
    public void Include_object_policies()
    {
        var full = Write(IncludeObjectPolicy.Object)["rows"]![0]!["object"]!;
        Assert.Equal("ConfigMap", (string?)full["kind"]);
        Assert.Equal("1", (string?)full["data"]!["x"]);

        var none = Write(IncludeObjectPolicy.None)["rows"]![0]!.AsObject();
        Assert.False(none.ContainsKey("object"));
    }

    [Fact]
    public void Watch_events_after_the_first_omit_columns_and_empty_lists_have_rows()
    {
        var t = Write(IncludeObjectPolicy.Metadata, columns: false);
        Assert.False(t.ContainsKey("columnDefinitions"));
        Assert.False(t["metadata"]!.AsObject().ContainsKey("continue"));

        var empty = JsonNode.Parse(TableWriter.ToUtf8(DefaultPrinters.NameAndAge, [], Now))!;
        Assert.Empty(empty["rows"]!.AsArray());
    }

    [Theory]
    [InlineData(null, IncludeObjectPolicy.Metadata)]
    [InlineData("None", IncludeObjectPolicy.None)]
    [InlineData("Object", IncludeObjectPolicy.Object)]
    public void Parses_include_object(string? value, IncludeObjectPolicy expected)
    {
        Assert.True(TableWriter.TryParseIncludeObject(value, out var policy));
        Assert.Equal(expected, policy);
        Assert.False(TableWriter.TryParseIncludeObject("Everything", out _));
    }
}
