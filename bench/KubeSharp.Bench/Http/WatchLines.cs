using System.Diagnostics;

namespace KubeSharp.Bench.Http;

/// <summary>Handles one line of a watch stream; <paramref name="arrivedAt"/> is the Stopwatch tick of the read that completed it.</summary>
public delegate void WatchLineHandler(ReadOnlySpan<byte> line, long arrivedAt);

/// <summary>
/// Splits a watch response into its newline-delimited events, with one clock reading per read from the socket:
/// every line completed by a read arrived at the same moment, and timing each line apart would only add noise.
/// </summary>
public static class WatchLines
{
    /// <summary>Reads until the server ends the stream (then returns) or <paramref name="ct"/> is cancelled.</summary>
    public static async Task ReadAsync(Stream stream, WatchLineHandler onLine, CancellationToken ct, int initialBuffer = 64 * 1024)
    {
        var buffer = new byte[initialBuffer];
        var filled = 0;
        while (true)
        {
            if (filled == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
            var read = await stream.ReadAsync(buffer.AsMemory(filled), ct);
            var now = Stopwatch.GetTimestamp();
            if (read == 0) return;
            filled += read;
            var start = 0;
            for (var nl = Array.IndexOf(buffer, (byte)'\n', start, filled - start); nl >= 0; nl = Array.IndexOf(buffer, (byte)'\n', start, filled - start))
            {
                var line = buffer.AsSpan(start, nl - start);
                if (!line.Trim(" \r\t"u8).IsEmpty) onLine(line, now);
                start = nl + 1;
            }
            if (start > 0)
            {
                Buffer.BlockCopy(buffer, start, buffer, 0, filled - start);
                filled -= start;
            }
        }
    }
}
