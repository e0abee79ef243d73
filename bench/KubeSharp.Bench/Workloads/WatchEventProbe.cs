using System.Buffers.Text;
using System.Text;
using KubeSharp.Bench.Http;

namespace KubeSharp.Bench.Workloads;

/// <summary>
/// Pulls the event type and the bench's two annotations out of one watch event line without building a
/// document: a hundred watchers parse every event, and that CPU is taken from the server on a small machine.
/// </summary>
public static class WatchEventProbe
{
    static readonly byte[] TypeKey = Encoding.UTF8.GetBytes("\"type\"");
    static readonly byte[] TicksKey = Encoding.UTF8.GetBytes($"\"{ConfigMapBodies.SentTicksAnnotation}\"");
    static readonly byte[] SequenceKey = Encoding.UTF8.GetBytes($"\"{ConfigMapBodies.SequenceAnnotation}\"");

    /// <summary>The event's <c>type</c> (ADDED, MODIFIED, DELETED, BOOKMARK, ERROR), or null if the line has none.</summary>
    public static string? EventType(ReadOnlySpan<byte> line) =>
        TryStringValue(line, TypeKey, out var value) ? Encoding.UTF8.GetString(value) : null;

    public static bool IsType(ReadOnlySpan<byte> line, ReadOnlySpan<byte> type) =>
        TryStringValue(line, TypeKey, out var value) && value.SequenceEqual(type);

    /// <summary>The sequence number and sent tick of a bench create, or false for any other object.</summary>
    public static bool TryReadStamp(ReadOnlySpan<byte> line, out int sequence, out long sentTicks)
    {
        sequence = 0;
        sentTicks = 0;
        return TryStringValue(line, SequenceKey, out var seq) && Utf8Parser.TryParse(seq, out sequence, out var a) && a == seq.Length
            && TryStringValue(line, TicksKey, out var ticks) && Utf8Parser.TryParse(ticks, out sentTicks, out var b) && b == ticks.Length;
    }

    /// <summary>The raw (unescaped) string value following <paramref name="key"/>, for values without escapes.</summary>
    static bool TryStringValue(ReadOnlySpan<byte> line, ReadOnlySpan<byte> key, out ReadOnlySpan<byte> value)
    {
        value = default;
        var at = line.IndexOf(key);
        if (at < 0) return false;
        var rest = line[(at + key.Length)..].TrimStart(" \t"u8);
        if (rest.IsEmpty || rest[0] != (byte)':') return false;
        rest = rest[1..].TrimStart(" \t"u8);
        if (rest.IsEmpty || rest[0] != (byte)'"') return false;
        rest = rest[1..];
        var end = rest.IndexOf((byte)'"');
        if (end < 0) return false;
        value = rest[..end];
        return true;
    }
}
