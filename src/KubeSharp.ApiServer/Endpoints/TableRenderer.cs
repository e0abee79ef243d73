using System.Text.Json;
using System.Text.Json.Nodes;
using KubeSharp.Api.Resources;
using KubeSharp.ApiServer.Printers;
using Microsoft.AspNetCore.Http;

namespace KubeSharp.ApiServer.Endpoints;

/// <summary>Server-side Tables from the printer registry (built-in printers, CRD printer columns, NAME/AGE otherwise).</summary>
public sealed class TableRenderer(PrinterRegistry printers, TimeProvider time) : ITableRenderer
{
    public async Task WriteTableAsync(HttpContext http, ResourceDefinition def, IReadOnlyList<JsonObject> items, string resourceVersion, string? continueToken, string includeObject, bool includeColumns)
    {
        http.Response.StatusCode = 200;
        http.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(http.Response.BodyWriter);
        TableWriter.Write(writer, printers.Get(def.Group, def.Plural), items, time.GetUtcNow(), Policy(includeObject),
            new TableListMeta(resourceVersion, continueToken), includeColumns);
        await writer.FlushAsync(http.RequestAborted);
    }

    public JsonObject RowTable(ResourceDefinition def, JsonObject item, string includeObject, bool includeColumns)
    {
        var bytes = TableWriter.ToUtf8(printers.Get(def.Group, def.Plural), [item], time.GetUtcNow(), Policy(includeObject), null, includeColumns);
        return (JsonObject)JsonNode.Parse(bytes)!;
    }

    static IncludeObjectPolicy Policy(string includeObject) =>
        TableWriter.TryParseIncludeObject(includeObject, out var p) ? p : IncludeObjectPolicy.Metadata;
}
