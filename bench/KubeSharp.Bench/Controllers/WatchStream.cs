using System.Diagnostics;
using System.Text.Json;

namespace KubeSharp.Bench.Controllers;

/// <summary>A watch event as the bench sees it: its type, the object (valid only during the callback), and the Stopwatch tick of its arrival.</summary>
public readonly record struct WatchEvent(string Type, JsonElement Object, long ArrivedAt);

/// <summary>
/// Follows one collection from a resourceVersion, handing every event to a callback on the reading thread (one
/// clock reading per socket read), and resumes from the last resourceVersion seen if the server ends the watch.
/// </summary>
public sealed class WatchStream(KubeApi api, string collectionPath, Action<WatchEvent> onEvent)
{
    string _resourceVersion = "0";
    readonly TaskCompletionSource _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Opened => _opened.Task;
    public int Restarts { get; private set; }

    /// <summary>Starts in the background; await <see cref="Opened"/> before making the changes to be observed.</summary>
    public Task StartAsync(string resourceVersion, CancellationToken ct)
    {
        _resourceVersion = resourceVersion;
        return Task.Run(() => RunAsync(ct), CancellationToken.None);
    }

    async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                using var response = await api.OpenWatchAsync(collectionPath, _resourceVersion, ct);
                _opened.TrySetResult();
                await using var stream = await response.Content.ReadAsStreamAsync(ct);
                await ReadLinesAsync(stream, ct);
            }
            catch (Exception) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is HttpRequestException or IOException)
            {
                if (!_opened.Task.IsCompleted) _opened.TrySetException(e);
                await Task.Delay(100, ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
            Restarts++;
        }
    }

    async Task ReadLinesAsync(Stream stream, CancellationToken ct)
    {
        var buffer = new byte[256 * 1024];
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
                OnLine(buffer.AsMemory(start, nl - start), now);
                start = nl + 1;
            }
            if (start > 0)
            {
                Buffer.BlockCopy(buffer, start, buffer, 0, filled - start);
                filled -= start;
            }
        }
    }

    void OnLine(ReadOnlyMemory<byte> line, long now)
    {
        if (line.Span.Trim(" \r\t"u8).IsEmpty) return;
        using var doc = JsonDocument.Parse(line);
        var root = doc.RootElement;
        var type = root.GetProperty("type").GetString() ?? "";
        var obj = root.GetProperty("object");
        if (type == "ERROR") throw new IOException("watch ERROR event: " + obj.GetRawText());
        if (obj.TryGetProperty("metadata", out var metadata) && metadata.TryGetProperty("resourceVersion", out var rv) && rv.GetString() is { } version)
            _resourceVersion = version;
        if (type == "BOOKMARK") return;
        onEvent(new WatchEvent(type, obj, now));
    }
}
