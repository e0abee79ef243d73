namespace KubeSharp.Client.Events;

/// <summary>Identity of an event for de-duplication: same source, object, type, reason and message.</summary>
readonly record struct EventKey(EventSource Source, InvolvedObject Object, string Type, string Reason, string Message);

/// <summary>What the server holds for an event already written.</summary>
sealed record RecordedEvent(string Namespace, string Name, int Count, DateTimeOffset FirstTimestamp);

/// <summary>Least-recently-used map of recent events, so that repeats update one Event instead of creating many.</summary>
sealed class EventCache(int capacity)
{
    readonly Dictionary<EventKey, LinkedListNode<(EventKey Key, RecordedEvent Value)>> _map = [];
    readonly LinkedList<(EventKey Key, RecordedEvent Value)> _order = new();

    public RecordedEvent? Get(EventKey key)
    {
        if (!_map.TryGetValue(key, out var node)) return null;
        _order.Remove(node);
        _order.AddFirst(node);
        return node.Value.Value;
    }

    public void Set(EventKey key, RecordedEvent value)
    {
        if (_map.TryGetValue(key, out var node)) _order.Remove(node);
        _map[key] = _order.AddFirst((key, value));
        if (_map.Count > capacity && _order.Last is { } last)
        {
            _order.RemoveLast();
            _map.Remove(last.Value.Key);
        }
    }
}
