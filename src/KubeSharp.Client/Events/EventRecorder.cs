using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using KubeSharp.Api.Errors;
using KubeSharp.Api.Model;
using KubeSharp.Api.Resources;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace KubeSharp.Client.Events;

/// <summary>
/// Records core/v1 Events about objects. Calls never block and never throw: events go through a
/// bounded queue (dropped when it is full) to one background writer. A repeat of a recent event
/// (same object, type, reason and message) bumps <c>count</c> and <c>lastTimestamp</c> of the Event
/// already written instead of creating another. As client-go's recorder, at most 25 events per object
/// and type get through in a burst (then one per 5 minutes): see <see cref="EventSpamFilter"/>.
/// </summary>
public sealed class EventRecorder : IAsyncDisposable
{
    public static readonly GroupVersionResource EventsResource = new("", "v1", "events");

    sealed record Pending(InvolvedObject Object, string Type, string Reason, string Message, DateTimeOffset Time);

    readonly IApiClient _api;
    readonly EventSource _source;
    readonly TimeProvider _time;
    readonly ILogger _logger;
    readonly Channel<Pending> _queue;
    readonly EventCache _recent = new(4096);
    readonly EventSpamFilter _spam;
    readonly CancellationTokenSource _stop = new();
    readonly Task _writer;
    long _lastNanos;

    public EventRecorder(IApiClient api, EventSource source, TimeProvider time, ILogger? logger = null, int queueCapacity = 1000)
    {
        _api = api;
        _source = source;
        _time = time;
        _logger = logger ?? NullLogger.Instance;
        _spam = new EventSpamFilter(time);
        _queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(queueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.DropWrite,
        });
        _writer = Task.Run(() => WriteAllAsync(_stop.Token));
    }

    /// <param name="type"><see cref="EventTypes.Normal"/> or <see cref="EventTypes.Warning"/>; anything else is ignored.</param>
    /// <param name="reason">Short CamelCase reason, e.g. "ScalingReplicaSet".</param>
    public void Event(InvolvedObject involved, string type, string reason, string message)
    {
        if (type is not (EventTypes.Normal or EventTypes.Warning)) return;
        if (!_queue.Writer.TryWrite(new Pending(involved, type, reason, message, _time.GetUtcNow())))
            _logger.EventDropped(reason, involved.Kind, involved.Name);
    }

    public void Event(JsonObject obj, string type, string reason, string message) =>
        Event(InvolvedObject.FromObject(obj), type, reason, message);

    public void Event(KubernetesObject obj, string type, string reason, string message) =>
        Event(InvolvedObject.FromObject(obj), type, reason, message);

    /// <summary>Writes what is queued (waiting at most <paramref name="drainTimeout"/>, default 5 s), then stops.</summary>
    public async ValueTask DisposeAsync() => await DisposeAsync(TimeSpan.FromSeconds(5));

    public async ValueTask DisposeAsync(TimeSpan drainTimeout)
    {
        _queue.Writer.TryComplete();
        try { await _writer.WaitAsync(drainTimeout, _time); }
        catch (TimeoutException) { }
        await _stop.CancelAsync();
        await _writer.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    async Task WriteAllAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var pending in _queue.Reader.ReadAllAsync(ct))
            {
                try { await WriteAsync(pending, ct); }
                catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
                catch (Exception e) { _logger.EventFailed(pending.Reason, pending.Object.Kind, pending.Object.Namespace, pending.Object.Name, e); }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
    }

    async Task WriteAsync(Pending p, CancellationToken ct)
    {
        // Only the writer touches the filter, so it needs no lock.
        if (!_spam.Allow(_source, p.Object, p.Type))
        {
            _logger.EventSpamDropped(p.Reason, p.Object.Kind, p.Object.Name);
            return;
        }
        // The object's resource version changes with every write; it does not make an event different.
        var key = new EventKey(_source, p.Object with { ResourceVersion = null }, p.Type, p.Reason, p.Message);
        if (_recent.Get(key) is { } seen)
        {
            var repeat = seen with { Count = seen.Count + 1 };
            var patch = new JsonObject
            {
                ["count"] = repeat.Count,
                ["lastTimestamp"] = KubeJson.FormatTime(p.Time),
                ["message"] = p.Message,
            };
            try
            {
                await _api.PatchAsync(EventsResource, seen.Namespace, seen.Name, PatchType.StrategicMerge, patch.ToJsonString(), null, null, ct);
                _recent.Set(key, repeat);
                return;
            }
            catch (StatusError e) when (e.Code == 404)
            {
                // Expired or deleted meanwhile: write it anew under the same name, keeping the count.
                await CreateAsync(key, p, repeat, ct);
                return;
            }
        }
        var ns = string.IsNullOrEmpty(p.Object.Namespace) ? "default" : p.Object.Namespace;
        await CreateAsync(key, p, new RecordedEvent(ns, NewName(p.Object.Name, p.Time), 1, p.Time), ct);
    }

    async Task CreateAsync(EventKey key, Pending p, RecordedEvent recorded, CancellationToken ct)
    {
        var ev = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Event",
            ["metadata"] = new JsonObject { ["name"] = recorded.Name, ["namespace"] = recorded.Namespace },
            ["involvedObject"] = p.Object.ToJson(),
            ["reason"] = p.Reason,
            ["message"] = p.Message,
            ["source"] = SourceJson(),
            ["firstTimestamp"] = KubeJson.FormatTime(recorded.FirstTimestamp),
            ["lastTimestamp"] = KubeJson.FormatTime(p.Time),
            ["count"] = recorded.Count,
            ["type"] = p.Type,
            ["reportingComponent"] = _source.Component,
            ["reportingInstance"] = _source.Host ?? "",
        };
        await _api.CreateAsync(EventsResource, recorded.Namespace, ev, null, null, ct);
        _recent.Set(key, recorded);
    }

    JsonObject SourceJson()
    {
        var source = new JsonObject { ["component"] = _source.Component };
        if (_source.Host is { Length: > 0 } host) source["host"] = host;
        return source;
    }

    /// <summary>Upstream's scheme: the object's name, a dot, and the time in nanoseconds as hex, kept unique per recorder.</summary>
    string NewName(string objectName, DateTimeOffset time)
    {
        var nanos = (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;
        if (nanos <= _lastNanos) nanos = _lastNanos + 1;
        _lastNanos = nanos;
        return objectName + "." + nanos.ToString("x", CultureInfo.InvariantCulture);
    }
}
