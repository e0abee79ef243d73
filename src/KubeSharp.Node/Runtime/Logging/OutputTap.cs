using System.Threading.Channels;

namespace KubeSharp.Node.Runtime.Logging;

/// <summary>A piece of a container's output as it was read, before it is cut into log lines.</summary>
internal readonly record struct OutputChunk(bool Stderr, byte[] Data);

/// <summary>
/// Hands a container's output to attach sessions live, as containerd's output groups do: the log pump is the FIFOs'
/// only reader, and a terminal prompt has no newline to wait for. Nothing is kept for late subscribers.
/// </summary>
internal sealed class OutputTap
{
    private readonly Lock _gate = new();
    private readonly List<Channel<OutputChunk>> _subscribers = [];
    private bool _completed;

    /// <summary>Output from now on; the reader completes when the container's output has ended.</summary>
    public Subscription Subscribe()
    {
        var channel = Channel.CreateUnbounded<OutputChunk>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        lock (_gate)
        {
            if (_completed)
                channel.Writer.TryComplete();
            else
                _subscribers.Add(channel);
        }
        return new Subscription(this, channel);
    }

    /// <summary>Called by the pump's thread; never blocks it.</summary>
    public void Publish(bool stderr, ReadOnlySpan<byte> data)
    {
        lock (_gate)
        {
            if (_subscribers.Count == 0)
                return;
            var chunk = new OutputChunk(stderr, data.ToArray());
            foreach (var subscriber in _subscribers)
                subscriber.Writer.TryWrite(chunk);
        }
    }

    public void Complete()
    {
        lock (_gate)
        {
            _completed = true;
            foreach (var subscriber in _subscribers)
                subscriber.Writer.TryComplete();
            _subscribers.Clear();
        }
    }

    private void Remove(Channel<OutputChunk> channel)
    {
        lock (_gate)
            _subscribers.Remove(channel);
        channel.Writer.TryComplete();
    }

    public sealed class Subscription(OutputTap tap, Channel<OutputChunk> channel) : IDisposable
    {
        public ChannelReader<OutputChunk> Reader => channel.Reader;

        public void Dispose() => tap.Remove(channel);
    }
}
