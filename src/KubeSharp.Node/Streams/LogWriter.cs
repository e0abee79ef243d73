using System.Text;
using KubeSharp.Client.NodeStreams;

namespace KubeSharp.Node.Streams;

/// <summary>
/// Writes a CRI log as <c>kubectl logs</c> shows it: content only (lines re-joined where the runtime split them),
/// optionally prefixed by the timestamp, filtered by time and stream, limited by bytes, and following new lines
/// until the container has exited.
/// </summary>
public sealed class LogWriter(PodLogOptions options, Stream output, TimeProvider time, string? streamFilter = null)
{
    long _written;

    public bool LimitReached => options.LimitBytes is { } limit && _written >= limit;

    /// <summary>Writes what is in the file now (honouring tail and since), then follows if asked; returns when done.</summary>
    public async Task WriteAsync(string path, Func<Task<bool>> stillRunning, CancellationToken ct)
    {
        var since = options.SinceTime ?? (options.SinceSeconds is { } s ? time.GetUtcNow() - TimeSpan.FromSeconds(s) : null);
        long position = 0;
        var pending = new MemoryStream();
        if (File.Exists(path))
        {
            await using var file = Open(path);
            var lines = new List<CriLogLine>();
            position = await ReadLinesAsync(file, pending, lines, ct);
            IEnumerable<CriLogLine> selected = lines.Where(l => Accept(l, since));
            if (options.TailLines is { } tail) selected = TailOf(selected.ToList(), (int)Math.Min(tail, int.MaxValue));
            foreach (var line in selected)
            {
                if (!await EmitAsync(line, ct)) return;
            }
            await output.FlushAsync(ct);
        }
        if (!options.Follow) return;

        while (!ct.IsCancellationRequested)
        {
            var more = new List<CriLogLine>();
            if (File.Exists(path))
            {
                await using var file = Open(path);
                if (file.Length < position) position = 0; // truncated or replaced: start over
                file.Position = position;
                position += await ReadLinesAsync(file, pending, more, ct);
            }
            foreach (var line in more.Where(l => Accept(l, since)))
                if (!await EmitAsync(line, ct)) return;
            if (more.Count > 0)
            {
                await output.FlushAsync(ct);
                continue;
            }
            if (!await stillRunning())
            {
                // One last look: the runtime writes the final lines before it reports the exit.
                if (File.Exists(path))
                {
                    await using var file = Open(path);
                    file.Position = Math.Min(position, file.Length);
                    var last = new List<CriLogLine>();
                    await ReadLinesAsync(file, pending, last, ct);
                    foreach (var line in last.Where(l => Accept(l, since)))
                        if (!await EmitAsync(line, ct)) return;
                }
                await output.FlushAsync(ct);
                return;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(100), time, ct);
        }
    }

    bool Accept(CriLogLine line, DateTimeOffset? since) =>
        (since is null || line.Time >= since) && (streamFilter is null || line.Stream == streamFilter);

    /// <summary>The last <paramref name="count"/> complete lines; a split line counts once, with all its parts.</summary>
    static IEnumerable<CriLogLine> TailOf(List<CriLogLine> lines, int count)
    {
        if (count <= 0) return [];
        var seen = 0;
        var start = lines.Count;
        for (var i = lines.Count - 1; i >= 0; i--)
        {
            if (!lines[i].Partial)
            {
                if (seen == count) break;
                seen++;
            }
            start = i;
        }
        return lines.Skip(start);
    }

    async Task<bool> EmitAsync(CriLogLine line, CancellationToken ct)
    {
        var buffer = new MemoryStream();
        if (options.Timestamps) buffer.Write(Encoding.ASCII.GetBytes(line.RawTime + " "));
        buffer.Write(line.Content);
        if (!line.Partial) buffer.WriteByte((byte)'\n');
        var bytes = buffer.ToArray();
        var count = bytes.Length;
        if (options.LimitBytes is { } limit)
        {
            var room = limit - _written;
            if (room <= 0) return false;
            if (count > room) count = (int)room;
        }
        await output.WriteAsync(bytes.AsMemory(0, count), ct);
        _written += count;
        return !LimitReached;
    }

    static FileStream Open(string path) => new(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);

    /// <returns>Bytes consumed from <paramref name="file"/> (an incomplete last line stays in <paramref name="pending"/>).</returns>
    static async Task<long> ReadLinesAsync(FileStream file, MemoryStream pending, List<CriLogLine> lines, CancellationToken ct)
    {
        var chunk = new byte[64 * 1024];
        long consumed = 0;
        int n;
        while ((n = await file.ReadAsync(chunk, ct)) > 0)
        {
            consumed += n;
            var start = 0;
            for (var i = 0; i < n; i++)
            {
                if (chunk[i] != '\n') continue;
                pending.Write(chunk, start, i - start);
                if (CriLog.TryParse(pending.GetBuffer().AsSpan(0, (int)pending.Length), out var parsed)) lines.Add(parsed);
                pending.SetLength(0);
                start = i + 1;
            }
            pending.Write(chunk, start, n - start);
        }
        return consumed;
    }
}
