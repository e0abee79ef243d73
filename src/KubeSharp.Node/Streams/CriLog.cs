using System.Globalization;
using System.Text;

namespace KubeSharp.Node.Streams;

/// <summary>One line of a CRI log file: <c>2026-01-02T03:04:05.123456789Z stdout F content</c>.</summary>
/// <param name="Partial">The line was split (tag <c>P</c>): its content continues in the next line of the same stream.</param>
public readonly record struct CriLogLine(DateTimeOffset Time, string RawTime, string Stream, bool Partial, byte[] Content);

/// <summary>Reads CRI-format container logs.</summary>
public static class CriLog
{
    public static bool TryParse(ReadOnlySpan<byte> line, out CriLogLine parsed)
    {
        parsed = default;
        var first = line.IndexOf((byte)' ');
        if (first <= 0) return false;
        var rest = line[(first + 1)..];
        var second = rest.IndexOf((byte)' ');
        if (second <= 0) return false;
        var stream = Encoding.ASCII.GetString(rest[..second]);
        rest = rest[(second + 1)..];
        var third = rest.IndexOf((byte)' ');
        var tag = third < 0 ? rest : rest[..third];
        var content = third < 0 ? [] : rest[(third + 1)..].ToArray();
        var rawTime = Encoding.ASCII.GetString(line[..first]);
        if (!DateTimeOffset.TryParse(rawTime, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
            return false;
        parsed = new CriLogLine(time, rawTime, stream, tag.SequenceEqual("P"u8), content);
        return true;
    }

    /// <summary>Every line of the file (split lines as they are), skipping unparsable ones.</summary>
    public static IEnumerable<CriLogLine> ReadAll(string path)
    {
        if (!File.Exists(path)) yield break;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        foreach (var line in SplitLines(stream))
            if (TryParse(line, out var parsed)) yield return parsed;
    }

    static IEnumerable<byte[]> SplitLines(Stream stream)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int n;
        while ((n = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            var start = 0;
            for (var i = 0; i < n; i++)
            {
                if (chunk[i] != '\n') continue;
                buffer.Write(chunk, start, i - start);
                yield return buffer.ToArray();
                buffer.SetLength(0);
                start = i + 1;
            }
            buffer.Write(chunk, start, n - start);
        }
        // A trailing line without newline is still being written: it is left for a later read.
    }

    /// <summary>The last <paramref name="lines"/> lines' text, at most <paramref name="maxBytes"/> bytes from the end (termination-message fallback).</summary>
    public static string? Tail(string path, int lines, int maxBytes)
    {
        var all = ReadAll(path).ToList();
        if (all.Count == 0) return null;
        // Count whole lines: a line the runtime split (P … F) is one line.
        var start = all.Count;
        for (int i = all.Count - 1, seen = 0; i >= 0; i--)
        {
            if (!all[i].Partial && seen++ == lines) break;
            start = i;
        }
        var text = new StringBuilder();
        foreach (var line in all.Skip(start))
        {
            text.Append(Encoding.UTF8.GetString(line.Content));
            if (!line.Partial) text.Append('\n');
        }
        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        return bytes.Length <= maxBytes ? text.ToString() : Encoding.UTF8.GetString(bytes, bytes.Length - maxBytes, maxBytes);
    }
}
