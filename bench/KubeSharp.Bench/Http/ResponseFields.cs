using System.Text;
using System.Text.Json;

namespace KubeSharp.Bench.Http;

/// <summary>The few fields the bench reads back from responses.</summary>
public static class ResponseFields
{
    public static string ResourceVersion(byte[] body)
    {
        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.GetProperty("metadata").GetProperty("resourceVersion").GetString()
            ?? throw new InvalidDataException("metadata.resourceVersion is null");
    }

    public static int ItemCount(byte[] listBody)
    {
        using var doc = JsonDocument.Parse(listBody);
        return doc.RootElement.GetProperty("items").GetArrayLength();
    }

    /// <summary>The start of a body, for error messages.</summary>
    public static string Excerpt(byte[] body, int max = 300)
    {
        var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, max));
        return body.Length > max ? text + "…" : text;
    }
}
