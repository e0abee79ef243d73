using System.Text.Json.Nodes;

namespace KubeSharp.ApiServer.Printers;

/// <summary>
/// Turns one object of a resource into a Table row. Cells are always the wide set (the server sends every
/// column; kubectl hides those with priority &gt; 0). Cell values are string, long, double, bool or null.
/// </summary>
public interface ITablePrinter
{
    IReadOnlyList<TableColumn> Columns { get; }
    object?[] Cells(JsonObject obj, DateTimeOffset now);
}

/// <summary>A printer made of a column list and a cell function; what most built-in printers are.</summary>
public sealed class TablePrinter(IReadOnlyList<TableColumn> columns, Func<JsonObject, DateTimeOffset, object?[]> cells) : ITablePrinter
{
    public IReadOnlyList<TableColumn> Columns { get; } = columns;
    public object?[] Cells(JsonObject obj, DateTimeOffset now) => cells(obj, now);
}
