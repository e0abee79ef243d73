using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using KubeSharp.Api.Model;

namespace KubeSharp.ApiServer.Printers;

/// <summary>What each Table row carries in <c>object</c> (the includeObject query parameter).</summary>
public enum IncludeObjectPolicy
{
    /// <summary>No object at all.</summary>
    None,
    /// <summary>A PartialObjectMetadata with the object's metadata (the default).</summary>
    Metadata,
    /// <summary>The whole object (kubectl asks for this with --sort-by).</summary>
    Object,
}

/// <summary>The list metadata a Table carries.</summary>
public sealed record TableListMeta(string? ResourceVersion = null, string? Continue = null, long? RemainingItemCount = null);

/// <summary>Writes meta.k8s.io/v1 Table documents, as kubectl get asks for with its Table Accept header.</summary>
public static class TableWriter
{
    /// <summary>Parses the includeObject query value; empty means Metadata. False for an unknown value.</summary>
    public static bool TryParseIncludeObject(string? value, out IncludeObjectPolicy policy)
    {
        policy = IncludeObjectPolicy.Metadata;
        switch (value)
        {
            case null or "" or "Metadata": return true;
            case "None": policy = IncludeObjectPolicy.None; return true;
            case "Object": policy = IncludeObjectPolicy.Object; return true;
            default: return false;
        }
    }

    /// <summary>
    /// Writes one Table of <paramref name="objects"/>. Watch events after the first leave the column
    /// definitions out (<paramref name="includeColumnDefinitions"/> false), as upstream does.
    /// </summary>
    public static void Write(
        Utf8JsonWriter writer,
        ITablePrinter printer,
        IEnumerable<JsonObject> objects,
        DateTimeOffset now,
        IncludeObjectPolicy includeObject = IncludeObjectPolicy.Metadata,
        TableListMeta? listMeta = null,
        bool includeColumnDefinitions = true)
    {
        writer.WriteStartObject();
        writer.WriteString("kind", "Table");
        writer.WriteString("apiVersion", "meta.k8s.io/v1");

        writer.WriteStartObject("metadata");
        if (!string.IsNullOrEmpty(listMeta?.ResourceVersion)) writer.WriteString("resourceVersion", listMeta.ResourceVersion);
        if (!string.IsNullOrEmpty(listMeta?.Continue)) writer.WriteString("continue", listMeta.Continue);
        if (listMeta?.RemainingItemCount is { } remaining) writer.WriteNumber("remainingItemCount", remaining);
        writer.WriteEndObject();

        if (includeColumnDefinitions)
        {
            writer.WriteStartArray("columnDefinitions");
            foreach (var column in printer.Columns)
            {
                writer.WriteStartObject();
                writer.WriteString("name", column.Name);
                writer.WriteString("type", column.Type);
                writer.WriteString("format", column.Format);
                writer.WriteString("description", column.Description);
                writer.WriteNumber("priority", column.Priority);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }

        writer.WriteStartArray("rows");
        foreach (var obj in objects)
        {
            writer.WriteStartObject();
            writer.WriteStartArray("cells");
            foreach (var cell in printer.Cells(obj, now))
                WriteCell(writer, cell);
            writer.WriteEndArray();
            WriteRowObject(writer, obj, includeObject);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();

        writer.WriteEndObject();
    }

    /// <summary>The Table as UTF-8 JSON bytes.</summary>
    public static byte[] ToUtf8(
        ITablePrinter printer,
        IEnumerable<JsonObject> objects,
        DateTimeOffset now,
        IncludeObjectPolicy includeObject = IncludeObjectPolicy.Metadata,
        TableListMeta? listMeta = null,
        bool includeColumnDefinitions = true)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
            Write(writer, printer, objects, now, includeObject, listMeta, includeColumnDefinitions);
        return buffer.ToArray();
    }

    static void WriteRowObject(Utf8JsonWriter writer, JsonObject obj, IncludeObjectPolicy includeObject)
    {
        switch (includeObject)
        {
            case IncludeObjectPolicy.Object:
                writer.WritePropertyName("object");
                obj.WriteTo(writer);
                break;
            case IncludeObjectPolicy.Metadata:
                writer.WriteStartObject("object");
                writer.WriteString("kind", "PartialObjectMetadata");
                writer.WriteString("apiVersion", "meta.k8s.io/v1");
                writer.WritePropertyName("metadata");
                if (obj["metadata"] is JsonObject metadata) metadata.WriteTo(writer);
                else { writer.WriteStartObject(); writer.WriteEndObject(); }
                writer.WriteEndObject();
                break;
        }
    }

    static void WriteCell(Utf8JsonWriter writer, object? cell)
    {
        switch (cell)
        {
            case null: writer.WriteNullValue(); break;
            case string s: writer.WriteStringValue(s); break;
            case bool b: writer.WriteBooleanValue(b); break;
            case long l: writer.WriteNumberValue(l); break;
            case int i: writer.WriteNumberValue(i); break;
            case double d: writer.WriteNumberValue(d); break;
            case DateTimeOffset t: writer.WriteStringValue(KubeJson.FormatTime(t)); break;
            case JsonNode n: n.WriteTo(writer); break;
            case IFormattable f: writer.WriteStringValue(f.ToString(null, CultureInfo.InvariantCulture)); break;
            default: writer.WriteStringValue(cell.ToString()); break;
        }
    }
}
