using System.Threading.Channels;

namespace KubeSharp.Storage.Sqlite;

/// <summary>
/// Fans committed events out to live watchers in process, so no watcher ever polls the database.
/// Only the writer loop publishes, always in revision order. Each subscriber has a bounded buffer; when it is
/// full the subscriber is cut off (never the writer slowed), and its reader learns so via <see cref="Subscription.Overflowed"/>.
/// </summary>
internal sealed class WatchHub(int bufferSize)
{
    private readonly Lock _gate = new();
    private Subscription[] _subscribers = [];
    private bool _closed;

    public Subscription Subscribe(string prefix)
    {
        var subscription = new Subscription(this, prefix, Channel.CreateBounded<StoreEvent>(
            new BoundedChannelOptions(bufferSize) { SingleWriter = true, SingleReader = true, FullMode = BoundedChannelFullMode.Wait }));
        lock (_gate)
        {
            if (_closed)
                subscription.Close(overflowed: false);
            else
                _subscribers = [.. _subscribers, subscription];
        }
        return subscription;
    }

    /// <summary>Called by the writer after commit. Never blocks.</summary>
    public void Publish(IReadOnlyList<StoreEvent> events)
    {
        var subscribers = Volatile.Read(ref _subscribers);
        foreach (var subscriber in subscribers)
        {
            foreach (var e in events)
            {
                if (!e.Kv.Key.StartsWith(subscriber.Prefix, StringComparison.Ordinal))
                    continue;
                if (!subscriber.Writer.TryWrite(e))
                {
                    if (!subscriber.IsClosed) // a full buffer, not a reader that went away
                        subscriber.Close(overflowed: true);
                    Remove(subscriber);
                    break;
                }
            }
        }
    }

    /// <summary>Ends every live watch gracefully (the store is closing).</summary>
    public void Close()
    {
        Subscription[] subscribers;
        lock (_gate)
        {
            _closed = true;
            subscribers = _subscribers;
            _subscribers = [];
        }
        foreach (var subscriber in subscribers)
            subscriber.Close(overflowed: false);
    }

    private void Remove(Subscription subscription)
    {
        lock (_gate)
            _subscribers = [.. _subscribers.Where(s => s != subscription)];
    }

    internal sealed class Subscription(WatchHub hub, string prefix, Channel<StoreEvent> channel) : IDisposable
    {
        private int _state; // 0 open, 1 closed, 2 overflowed

        public string Prefix { get; } = prefix;
        public ChannelWriter<StoreEvent> Writer => channel.Writer;
        public ChannelReader<StoreEvent> Reader => channel.Reader;
        public bool IsClosed => Volatile.Read(ref _state) != 0;
        public bool Overflowed => Volatile.Read(ref _state) == 2;

        public void Close(bool overflowed)
        {
            if (Interlocked.CompareExchange(ref _state, overflowed ? 2 : 1, 0) == 0)
                channel.Writer.TryComplete();
        }

        public void Dispose()
        {
            Close(overflowed: false);
            hub.Remove(this);
        }
    }
}
