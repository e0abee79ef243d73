using System.Text.Json;
using System.Text.Json.Nodes;
using KubeSharp.Api.Errors;
using KubeSharp.Api.Resources;
using KubeSharp.ApiServer.Registry;
using Microsoft.AspNetCore.Http;

namespace KubeSharp.ApiServer.Endpoints;

/// <summary>Writes objects, lists and Status errors as upstream does (JSON only; kubectl accepts JSON for every call).</summary>
public static class Responses
{
    public const string Json = "application/json";

    public static async Task WriteObjectAsync(HttpContext http, int status, JsonNode obj)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = Json;
        await using var writer = new Utf8JsonWriter(http.Response.BodyWriter);
        obj.WriteTo(writer);
        await writer.FlushAsync(http.RequestAborted);
    }

    public static async Task WriteBytesAsync(HttpContext http, int status, string contentType, ReadOnlyMemory<byte> body)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = contentType;
        http.Response.ContentLength = body.Length;
        await http.Response.BodyWriter.WriteAsync(body, http.RequestAborted);
    }

    public static Task WriteErrorAsync(HttpContext http, StatusError error)
    {
        if (error.RetryAfterSeconds is { } r) http.Response.Headers.RetryAfter = r.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return WriteObjectAsync(http, error.Code, error.ToStatus());
    }

    public static Task WriteSuccessStatusAsync(HttpContext http, ResourceDefinition def, string name, string uid) =>
        WriteObjectAsync(http, 200, new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Success",
            ["details"] = new JsonObject { ["name"] = name, ["group"] = def.Group, ["kind"] = def.Plural, ["uid"] = uid },
        });

    /// <summary>A list body, with each item's cached bytes copied as they are.</summary>
    public static async Task WriteListAsync(HttpContext http, ResourceDefinition def, ListResult list)
    {
        http.Response.StatusCode = 200;
        http.Response.ContentType = Json;
        await using var w = new Utf8JsonWriter(http.Response.BodyWriter, new JsonWriterOptions { SkipValidation = true });
        w.WriteStartObject();
        w.WriteString("kind", def.ListKind);
        w.WriteString("apiVersion", def.ApiVersion);
        w.WriteStartObject("metadata");
        w.WriteString("resourceVersion", list.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (list.Continue is not null) w.WriteString("continue", list.Continue);
        if (list.RemainingItemCount is { } rem) w.WriteNumber("remainingItemCount", rem);
        w.WriteEndObject();
        w.WriteStartArray("items");
        var count = 0;
        foreach (var item in list.Items)
        {
            w.WriteRawValue(item.Json, skipInputValidation: true);
            if (++count % 256 == 0) await w.FlushAsync(http.RequestAborted);
        }
        w.WriteEndArray();
        w.WriteEndObject();
        await w.FlushAsync(http.RequestAborted);
    }

    public static void AddWarning(HttpContext http, string text) =>
        http.Response.Headers.Append("Warning", "299 - \"" + text.Replace("\"", "\\\"") + "\"");
}
