using System.Text.Json.Nodes;
using KubeSharp.ApiServer.Printers;

namespace KubeSharp.ApiServer.Tests.Printers;

public sealed class CustomResourcePrinterTests
{
    static readonly DateTimeOffset Now = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    static readonly JsonObject Widget = JsonNode.Parse("""
        {"metadata":{"name":"w1","creationTimestamp":"2024-05-01T11:00:00Z","labels":{"app.kubernetes.io/name":"shop"}},
         "spec":{"replicas":3,"paused":true,"ratio":0.5},
         "status":{"conditions":[{"type":"Synced","status":"False"},{"type":"Ready","status":"True"}]}}
        """)!.AsObject();

    [Fact]
    public void Prints_additional_printer_columns()
    {
        var version = JsonNode.Parse("""
            {"name":"v1","additionalPrinterColumns":[
              {"name":"Replicas","type":"integer","jsonPath":".spec.replicas"},
              {"name":"Ready","type":"string","jsonPath":".status.conditions[?(@.type==\"Ready\")].status"},
              {"name":"Paused","type":"boolean","jsonPath":".spec.paused","priority":1},
              {"name":"Ratio","type":"number","jsonPath":".spec.ratio"},
              {"name":"App","type":"string","jsonPath":".metadata.labels.app\\.kubernetes\\.io/name"},
              {"name":"Missing","type":"string","jsonPath":".spec.nothing"},
              {"name":"Age","type":"date","jsonPath":".metadata.creationTimestamp"}]}
            """)!.AsObject();
        var printer = CustomResourcePrinter.FromCrdVersion(version);
        Assert.Equal(["Name", "Replicas", "Ready", "Paused", "Ratio", "App", "Missing", "Age"], printer.Columns.Select(c => c.Name));
        Assert.Equal(1, printer.Columns[3].Priority);
        Assert.Equal("Custom resource definition column (in JSONPath format): .spec.replicas", printer.Columns[1].Description);
        Assert.Equal(new object?[] { "w1", 3L, "True", true, 0.5, "shop", null, "60m" }, printer.Cells(Widget, Now));
    }

    [Fact]
    public void Defaults_to_age_and_rejects_wrong_types()
    {
        var plain = new CustomResourcePrinter([]);
        Assert.Equal(["Name", "Age"], plain.Columns.Select(c => c.Name));
        Assert.Equal(new object?[] { "w1", "60m" }, plain.Cells(Widget, Now));

        var wrong = new CustomResourcePrinter([new PrinterColumnSpec("N", "integer", ".spec.paused"), new PrinterColumnSpec("S", "string", "{.spec.replicas}")]);
        Assert.Equal(new object?[] { "w1", null, "3" }, wrong.Cells(Widget, Now));
    }

    [Fact]
    public void Json_path_subset()
    {
        Assert.Equal("Synced", SimpleJsonPath.Parse(".status.conditions[0].type").First(Widget)!.GetValue<string>());
        Assert.Equal("Ready", SimpleJsonPath.Parse("{.status.conditions[-1].type}").First(Widget)!.GetValue<string>());
        Assert.Equal(2, SimpleJsonPath.Parse(".status.conditions[*].status").Evaluate(Widget).Count());
        Assert.Equal("False", SimpleJsonPath.Parse(".status.conditions[?(@.type!='Ready')].status").First(Widget)!.GetValue<string>());
        Assert.Equal("shop", SimpleJsonPath.Parse(".metadata.labels['app.kubernetes.io/name']").First(Widget)!.GetValue<string>());
        Assert.Null(SimpleJsonPath.Parse(".spec.replicas.deeper").First(Widget));
        Assert.Throws<FormatException>(() => SimpleJsonPath.Parse(".a[?(bogus)]"));
    }
}
