using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KubeSharp.ApiServer.Printers;

/// <summary>One additionalPrinterColumns entry of a CRD version.</summary>
public sealed record PrinterColumnSpec(string Name, string Type, string JsonPath, string Format = "", string Description = "", int Priority = 0);

/// <summary>
/// The Table of a custom resource: NAME, then the CRD version's additionalPrinterColumns (AGE when it has none).
/// Date columns print as ages; a value of the wrong type or a missing one prints as null.
/// </summary>
public sealed class CustomResourcePrinter : ITablePrinter
{
    readonly IReadOnlyList<(PrinterColumnSpec Spec, SimpleJsonPath? Path)> _columns;

    public IReadOnlyList<TableColumn> Columns { get; }

    public CustomResourcePrinter(IReadOnlyList<PrinterColumnSpec> columns)
    {
        if (columns.Count == 0)
            columns = [new PrinterColumnSpec("Age", "date", ".metadata.creationTimestamp", Description: "Time since the object was created.")];
        _columns = columns.Select(c => (c, TryParse(c.JsonPath))).ToList();
        Columns = [TableColumn.NameColumn, .. columns.Select(c => new TableColumn(c.Name, c.Type, c.Format,
            c.Description.Length > 0 ? c.Description : $"Custom resource definition column (in JSONPath format): {c.JsonPath}", c.Priority))];
    }

    /// <summary>From one entry of a CRD's spec.versions (its additionalPrinterColumns).</summary>
    public static CustomResourcePrinter FromCrdVersion(JsonObject version) => new(
        JsonRead.Objects(version, "additionalPrinterColumns").Select(c => new PrinterColumnSpec(
            JsonRead.Str(c, "name") ?? "",
            JsonRead.Str(c, "type") ?? "string",
            JsonRead.Str(c, "jsonPath") ?? "",
            JsonRead.Str(c, "format") ?? "",
            JsonRead.Str(c, "description") ?? "",
            (int)JsonRead.Long(c, "priority"))).ToList());

    public object?[] Cells(JsonObject obj, DateTimeOffset now)
    {
        var cells = new object?[_columns.Count + 1];
        cells[0] = JsonRead.Name(obj);
        for (int i = 0; i < _columns.Count; i++)
        {
            var (spec, path) = _columns[i];
            var value = path?.First(obj);
            cells[i + 1] = value is null ? null : Cell(spec.Type, value, now);
        }
        return cells;
    }

    static SimpleJsonPath? TryParse(string path)
    {
        try { return SimpleJsonPath.Parse(path); }
        catch (FormatException) { return null; }
    }

    static object? Cell(string type, JsonNode value, DateTimeOffset now)
    {
        var kind = value.GetValueKind();
        switch (type)
        {
            case "string":
                return SimpleJsonPath.ToText(value);
            case "integer" when kind == JsonValueKind.Number:
                var v = value.AsValue();
                return v.TryGetValue<long>(out var l) ? l : (long)v.GetValue<double>();
            case "number" when kind == JsonValueKind.Number:
                return value.AsValue().GetValue<double>();
            case "boolean" when kind is JsonValueKind.True or JsonValueKind.False:
                return kind == JsonValueKind.True;
            case "date" when kind == JsonValueKind.String:
                return DateTimeOffset.TryParse(value.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
                    ? HumanDuration.Since(t, now)
                    : "<invalid>";
            default:
                return null;
        }
    }
}
