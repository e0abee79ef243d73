using System.Buffers;
using System.Text.Json;

namespace KubeSharp.Bench.Http;

/// <summary>Request bodies, written straight to UTF-8 so the bench spends its CPU on requests, not on models.</summary>
public static class ConfigMapBodies
{
    /// <summary>Annotation with the <see cref="System.Diagnostics.Stopwatch"/> tick at which the create was sent.</summary>
    public const string SentTicksAnnotation = "kubesharp-bench-sent-ticks";

    /// <summary>Annotation with the sequence number of a watched create, to spot missing and repeated events.</summary>
    public const string SequenceAnnotation = "kubesharp-bench-seq";

    /// <summary>About 200 bytes of data, like a small application setting.</summary>
    public static readonly string Payload = new('x', 200);

    public static byte[] Namespace(string name) => Write(w =>
    {
        w.WriteString("apiVersion", "v1");
        w.WriteString("kind", "Namespace");
        w.WriteStartObject("metadata");
        w.WriteString("name", name);
        w.WriteEndObject();
    });

    public static byte[] ConfigMap(string ns, string name, string payload, string? resourceVersion = null,
        IReadOnlyList<KeyValuePair<string, string>>? annotations = null) => Write(w =>
    {
        w.WriteString("apiVersion", "v1");
        w.WriteString("kind", "ConfigMap");
        w.WriteStartObject("metadata");
        w.WriteString("name", name);
        w.WriteString("namespace", ns);
        if (resourceVersion is not null) w.WriteString("resourceVersion", resourceVersion);
        w.WriteStartObject("labels");
        w.WriteString("app", "kubesharp-bench");
        w.WriteEndObject();
        if (annotations is { Count: > 0 })
        {
            w.WriteStartObject("annotations");
            foreach (var (key, value) in annotations) w.WriteString(key, value);
            w.WriteEndObject();
        }
        w.WriteEndObject();
        w.WriteStartObject("data");
        w.WriteString("payload", payload);
        w.WriteEndObject();
    });

    static byte[] Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
