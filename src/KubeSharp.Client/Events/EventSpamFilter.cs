namespace KubeSharp.Client.Events;

/// <summary>
/// client-go's EventSourceObjectSpamFilter: per source, involved object and event type, a token bucket of 25
/// events refilled at one per 5 minutes; events beyond it are dropped. A 1,000-replica ReplicaSet thus gets 25
/// SuccessfulCreate events, not 1,000 — upstream's guard against an event storm swamping the API server.
/// Remembers the 4,096 most recent keys, as upstream's LRU does.
/// </summary>
sealed class EventSpamFilter(TimeProvider time, int burst = EventSpamFilter.DefaultBurst, double perSecond = EventSpamFilter.DefaultPerSecond, int capacity = 4096)
{
    public const int DefaultBurst = 25;
    public const double DefaultPerSecond = 1.0 / 300;

    readonly record struct SpamKey(string Component, string? Host, string Kind, string? Namespace, string Name, string? Uid, string? ApiVersion, string Type);

    sealed class Bucket(double tokens, DateTimeOffset at)
    {
        public double Tokens = tokens;
        public DateTimeOffset At = at;
    }

    readonly Dictionary<SpamKey, LinkedListNode<(SpamKey Key, Bucket Bucket)>> _map = [];
    readonly LinkedList<(SpamKey Key, Bucket Bucket)> _order = new();

    /// <summary>True when the event may be written; takes a token.</summary>
    public bool Allow(EventSource source, InvolvedObject obj, string type)
    {
        var key = new SpamKey(source.Component, source.Host, obj.Kind, obj.Namespace, obj.Name, obj.Uid, obj.ApiVersion, type);
        var now = time.GetUtcNow();
        if (_map.TryGetValue(key, out var node)) _order.Remove(node);
        else
        {
            node = new LinkedListNode<(SpamKey, Bucket)>((key, new Bucket(burst, now)));
            _map[key] = node;
            if (_map.Count > capacity && _order.Last is { } last)
            {
                _order.RemoveLast();
                _map.Remove(last.Value.Key);
            }
        }
        _order.AddFirst(node);
        var bucket = node.Value.Bucket;
        bucket.Tokens = Math.Min(burst, bucket.Tokens + (now - bucket.At).TotalSeconds * perSecond);
        bucket.At = now;
        if (bucket.Tokens < 1) return false;
        bucket.Tokens -= 1;
        return true;
    }
}
