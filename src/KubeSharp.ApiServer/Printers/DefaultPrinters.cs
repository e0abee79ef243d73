using System.Text.Json.Nodes;

namespace KubeSharp.ApiServer.Printers;

/// <summary>Printers for kinds without a specific one.</summary>
public static class DefaultPrinters
{
    /// <summary>NAME and AGE: what kubectl shows for kinds it knows nothing about.</summary>
    public static ITablePrinter NameAndAge { get; } = new TablePrinter(
        [TableColumn.NameColumn, TableColumn.AgeColumn],
        (obj, now) => [JsonRead.Name(obj), JsonRead.Age(obj, now)]);

    /// <summary>NAME and CREATED AT: upstream's generic server-side table (CRDs, roles, limit ranges).</summary>
    public static ITablePrinter NameAndCreatedAt { get; } = new TablePrinter(
        [TableColumn.NameColumn, TableColumn.CreatedAtColumn],
        (obj, _) => [JsonRead.Name(obj), PrinterFormat.CreatedAt(obj)]);

    internal static object?[] Row(JsonObject obj, params object?[] rest)
    {
        var cells = new object?[rest.Length + 1];
        cells[0] = JsonRead.Name(obj);
        rest.CopyTo(cells, 1);
        return cells;
    }
}
