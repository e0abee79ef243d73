using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using KubeSharp.Api.Errors;
using Microsoft.AspNetCore.Http;

namespace KubeSharp.ApiServer.Serialization;

/// <summary>Reads request bodies within upstream's limits and turns them into JSON objects.</summary>
public sealed class BodyReader(Func<ReadOnlyMemory<byte>, JsonObject> decodeProtobuf)
{
    /// <summary>Upstream's limit on a request body.</summary>
    public const int MaxBodyBytes = 3 * 1024 * 1024;
    public const int MaxDepth = 100;

    /// <summary>Bodies up to this size are read to the end before a 413, so the client sees the Status instead of a reset connection.</summary>
    public const int MaxDrainBytes = 64 * 1024 * 1024;

    public static async Task<byte[]> ReadBytesAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            await DrainAsync(request, ct);
            throw StatusError.RequestEntityTooLarge("Request entity too large: limit is 3145728");
        }
        if (request.ContentLength is { } length and <= MaxBodyBytes)
            return await ReadExactlyAsync(request, (int)length, ct);
        var buffer = new ArrayBufferWriter<byte>(4096);
        while (true)
        {
            var span = buffer.GetMemory(4096);
            var n = await request.Body.ReadAsync(span, ct);
            if (n == 0) break;
            buffer.Advance(n);
            if (buffer.WrittenCount > MaxBodyBytes)
            {
                await DrainAsync(request, ct);
                throw StatusError.RequestEntityTooLarge("Request entity too large: limit is 3145728");
            }
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// A body of known length goes straight into an array of that size: no growing buffer and no final copy,
    /// which on small writes was most of the request's garbage. The server ends the body at Content-Length.
    /// </summary>
    static async Task<byte[]> ReadExactlyAsync(HttpRequest request, int length, CancellationToken ct)
    {
        if (length == 0) return [];
        var body = new byte[length];
        var read = 0;
        while (read < length)
        {
            var n = await request.Body.ReadAsync(body.AsMemory(read), ct);
            if (n == 0) return body[..read];
            read += n;
        }
        return body;
    }

    static async Task DrainAsync(HttpRequest request, CancellationToken ct)
    {
        var scratch = new byte[64 * 1024];
        long total = 0;
        int n;
        while (total < MaxDrainBytes && (n = await request.Body.ReadAsync(scratch, ct)) > 0) total += n;
    }

    /// <summary>The media type without parameters, lower-case; JSON when absent (kubectl's scale PUT sends none).</summary>
    public static string MediaType(HttpRequest request)
    {
        var ct = request.ContentType;
        if (string.IsNullOrWhiteSpace(ct)) return "application/json";
        var semi = ct.IndexOf(';');
        return (semi < 0 ? ct : ct[..semi]).Trim().ToLowerInvariant();
    }

    /// <summary>Decodes a create/update body (JSON, YAML or Kubernetes protobuf) into one object.</summary>
    public JsonObject DecodeObject(string mediaType, byte[] body)
    {
        if (body.Length == 0) throw StatusError.BadRequest("the body of the request was empty");
        JsonNode? node = mediaType switch
        {
            "application/json" => ParseJson(body),
            "application/yaml" or "application/x-yaml" or "text/yaml" => ParseYamlSingle(body),
            "application/vnd.kubernetes.protobuf" => DecodeProtobuf(body),
            _ => throw StatusError.UnsupportedMediaType(mediaType),
        };
        return node as JsonObject ?? throw StatusError.BadRequest("the body of the request must be a JSON object");
    }

    JsonObject DecodeProtobuf(byte[] body)
    {
        try { return decodeProtobuf(body); }
        catch (StatusError) { throw; }
        catch (Exception e) { throw StatusError.BadRequest("unable to decode protobuf body: " + e.Message); }
    }

    public static JsonNode? ParseJson(ReadOnlySpan<byte> body)
    {
        try
        {
            return JsonNode.Parse(body, documentOptions: new JsonDocumentOptions { MaxDepth = MaxDepth });
        }
        catch (JsonException e)
        {
            throw StatusError.BadRequest($"error decoding JSON: {e.Message}");
        }
    }

    public static JsonNode? ParseYamlSingle(byte[] body)
    {
        var docs = YamlToJson.ParseAll(Encoding.UTF8.GetString(body), MaxDepth);
        var nonEmpty = docs.Where(d => d is not null).ToList();
        return nonEmpty.Count switch
        {
            0 => throw StatusError.BadRequest("the body of the request was empty"),
            1 => nonEmpty[0],
            _ => throw StatusError.BadRequest("the body of the request must contain a single YAML document"),
        };
    }

    /// <summary>JSON or YAML (apply-patch bodies may be either).</summary>
    public static JsonNode? ParseJsonOrYaml(byte[] body)
    {
        var first = body.AsSpan().TrimStart(" \t\r\n"u8);
        return first.Length > 0 && first[0] is (byte)'{' or (byte)'[' ? ParseJson(body) : ParseYamlSingle(body);
    }
}
