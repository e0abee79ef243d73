using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KubeSharp.Client.Http;

/// <summary>
/// Reads a streamed watch body, one <c>{"type":…,"object":…}</c> JSON document per line, yielding each
/// event as soon as its line is complete.
/// </summary>
public static class WatchStreamReader
{
    public static async IAsyncEnumerable<WatchEvent> ReadAsync(Stream body, [EnumeratorCancellation] CancellationToken ct = default)
    {
        using var reader = new StreamReader(body, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 16 * 1024);
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            yield return Parse(line);
        }
    }

    public static WatchEvent Parse(string line)
    {
        JsonNode? node;
        try { node = JsonNode.Parse(line); }
        catch (JsonException e) { throw new InvalidDataException($"malformed watch event: {e.Message}", e); }
        if (node is not JsonObject frame || frame["type"] is not JsonValue typeValue || !typeValue.TryGetValue<string>(out var type))
            throw new InvalidDataException("watch event without a type");
        if (frame["object"] is not JsonObject obj) throw new InvalidDataException($"watch event {type} without an object");
        frame.Remove("object");
        return new WatchEvent(type, obj);
    }
}
