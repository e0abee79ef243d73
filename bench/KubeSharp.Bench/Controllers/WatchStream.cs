using System.Text.Json;
using KubeSharp.Bench.Http;

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
                await WatchLines.ReadAsync(stream, OnLine, ct, initialBuffer: 256 * 1024);
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

    void OnLine(ReadOnlySpan<byte> line, long now)
    {
        using var doc = JsonDocument.Parse(line.ToArray());
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
