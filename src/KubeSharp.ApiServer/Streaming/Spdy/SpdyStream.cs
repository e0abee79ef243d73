using System.IO.Pipelines;

namespace KubeSharp.ApiServer.Streaming.Spdy;

/// <summary>
/// One stream of a SPDY session, opened by the client: what the client sends arrives in <see cref="Input"/>;
/// each side half-closes with FIN, either side may reset. The session forgets the stream once both halves are done.
/// </summary>
public sealed class SpdyStream
{
    readonly SpdySession _session;
    readonly Pipe _input = new();
    readonly Lock _state = new();
    bool _remoteDone, _localDone, _discard;

    internal SpdyStream(SpdySession session, uint id, IReadOnlyDictionary<string, string> headers)
    {
        _session = session;
        Id = id;
        Headers = headers;
        Input = _input.Reader.AsStream();
    }

    public uint Id { get; }
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>What the client sent on this stream; ends when the client half-closes or resets it.</summary>
    public Stream Input { get; }

    /// <summary>The value of a header (names are case-insensitive, as SPDY lower-cases them), or "".</summary>
    public string Header(string name) => Headers.TryGetValue(name, out var v) ? v : "";

    /// <summary>Sends data; fails with <see cref="IOException"/> once the stream is closed or reset.</summary>
    public Task WriteAsync(ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        lock (_state)
            if (_localDone) throw new IOException($"SPDY stream {Id} is closed");
        return _session.WriteDataAsync(Id, data, fin: false, ct);
    }

    /// <summary>Half-closes our side (FIN); later calls do nothing.</summary>
    public async Task CloseAsync(CancellationToken ct)
    {
        if (!MarkLocalDone()) return;
        await _session.WriteDataAsync(Id, ReadOnlyMemory<byte>.Empty, fin: true, ct);
        ForgetIfDone();
    }

    /// <summary>Abandons the stream in both directions (RST_STREAM); what the client still sends is dropped.</summary>
    public async Task ResetAsync(SpdyStatus status, CancellationToken ct)
    {
        Volatile.Write(ref _discard, true);
        if (MarkLocalDone()) await _session.WriteResetAsync(Id, status, ct);
    }

    internal bool RemoteDone { get { lock (_state) return _remoteDone; } }

    /// <summary>Called by the session's reader only, so the pipe's writer is never used concurrently.</summary>
    internal ValueTask<FlushResult> ReceiveAsync(ReadOnlyMemory<byte> data, CancellationToken ct) =>
        Volatile.Read(ref _discard) ? ValueTask.FromResult(default(FlushResult)) : _input.Writer.WriteAsync(data, ct);

    /// <summary>The client half-closed or reset the stream (or the session ended): the input ends.</summary>
    internal void ReceiveEnd()
    {
        lock (_state)
        {
            if (_remoteDone) return;
            _remoteDone = true;
        }
        _input.Writer.Complete();
        ForgetIfDone();
    }

    /// <summary>The client reset the stream: nothing more goes either way.</summary>
    internal void ReceiveReset()
    {
        MarkLocalDone();
        ReceiveEnd();
    }

    bool MarkLocalDone()
    {
        lock (_state)
        {
            if (_localDone) return false;
            _localDone = true;
            return true;
        }
    }

    void ForgetIfDone()
    {
        lock (_state)
            if (!_localDone || !_remoteDone) return;
        _session.Forget(Id);
    }
}

/// <summary>RST_STREAM status codes (SPDY/3 section 2.6.3).</summary>
public enum SpdyStatus : uint
{
    ProtocolError = 1,
    InvalidStream = 2,
    RefusedStream = 3,
    Cancel = 5,
    InternalError = 6,
    StreamInUse = 8,
    StreamAlreadyClosed = 9,
}
