using System.Runtime.InteropServices;

namespace KubeSharp.Node.Images;

/// <summary>
/// Read-only stream that decompresses zstd (one or more concatenated frames) with the system's <c>libzstd.so.1</c>
/// (Debian's libzstd1), which .NET does not ship. Used for <c>tar+zstd</c> image layers.
/// </summary>
public sealed partial class ZstdDecompressionStream : Stream
{
    private const string Lib = "libzstd.so.1";

    private readonly Stream _inner;
    private readonly bool _leaveOpen;
    private readonly byte[] _input;
    private nint _dstream;
    private int _inputPosition;
    private int _inputCount;
    private bool _inputEnded;
    // Non-zero while a frame is only partly decoded: ending the input then means the layer is truncated.
    private nuint _frameHint;

    public ZstdDecompressionStream(Stream inner, bool leaveOpen = false)
    {
        _inner = inner;
        _leaveOpen = leaveOpen;
        try
        {
            _dstream = ZSTD_createDStream();
        }
        catch (DllNotFoundException e)
        {
            throw new NotSupportedException("zstd-compressed layers need libzstd.so.1 (apt-get install libzstd1)", e);
        }
        if (_dstream == 0)
            throw new OutOfMemoryException("ZSTD_createDStream failed");
        Check(ZSTD_initDStream(_dstream));
        _input = new byte[(int)Math.Min(ZSTD_DStreamInSize(), 1 << 20)];
    }

    /// <summary>Whether the system library can be loaded (tests skip otherwise).</summary>
    public static bool IsAvailable => NativeLibrary.TryLoad(Lib, out var handle) && Free(handle);

    private static bool Free(nint handle)
    {
        NativeLibrary.Free(handle);
        return true;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
            return 0;
        while (true)
        {
            if (_inputPosition == _inputCount && !_inputEnded)
                Refill(_inner.Read(_input, 0, _input.Length));
            var produced = Step(buffer);
            if (produced > 0 || IsFinished())
                return produced;
        }
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty)
            return 0;
        while (true)
        {
            if (_inputPosition == _inputCount && !_inputEnded)
                Refill(await _inner.ReadAsync(_input, cancellationToken));
            var produced = Step(buffer.Span);
            if (produced > 0 || IsFinished())
                return produced;
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private void Refill(int read)
    {
        _inputPosition = 0;
        _inputCount = read;
        _inputEnded = read == 0;
    }

    /// <summary>True when no more output can come: all input consumed, decoder flushed (else throws on a cut-off frame).</summary>
    private bool IsFinished()
    {
        if (!_inputEnded || _inputPosition < _inputCount)
            return false;
        if (_frameHint != 0)
            throw new InvalidDataException("zstd stream ends in the middle of a frame");
        return true;
    }

    private unsafe int Step(Span<byte> output)
    {
        ObjectDisposedException.ThrowIf(_dstream == 0, this);
        // With no input left the decoder may still hold output from the previous call; an empty call flushes it.
        fixed (byte* dst = output)
        fixed (byte* src = _input)
        {
            var outBuffer = new ZstdOutBuffer { Dst = dst, Size = (nuint)output.Length, Pos = 0 };
            var inBuffer = new ZstdInBuffer { Src = src + _inputPosition, Size = (nuint)(_inputCount - _inputPosition), Pos = 0 };
            var result = ZSTD_decompressStream(_dstream, &outBuffer, &inBuffer);
            Check(result);
            _inputPosition += (int)inBuffer.Pos;
            // A call that moved nothing (empty input after a finished frame) answers with the next header's size; only progress counts.
            if (inBuffer.Pos > 0 || outBuffer.Pos > 0)
                _frameHint = result;
            return (int)outBuffer.Pos;
        }
    }

    private static void Check(nuint result)
    {
        if (ZSTD_isError(result) != 0)
            throw new InvalidDataException("zstd: " + Marshal.PtrToStringUTF8(ZSTD_getErrorName(result)));
    }

    protected override void Dispose(bool disposing)
    {
        if (_dstream != 0)
        {
            ZSTD_freeDStream(_dstream);
            _dstream = 0;
        }
        if (disposing && !_leaveOpen)
            _inner.Dispose();
        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        if (!_leaveOpen)
            await _inner.DisposeAsync();
        Dispose(disposing: false);
        GC.SuppressFinalize(this);
    }

    ~ZstdDecompressionStream() => Dispose(disposing: false);

    [StructLayout(LayoutKind.Sequential)]
    private unsafe struct ZstdInBuffer
    {
        public byte* Src;
        public nuint Size;
        public nuint Pos;
    }

    [StructLayout(LayoutKind.Sequential)]
    private unsafe struct ZstdOutBuffer
    {
        public byte* Dst;
        public nuint Size;
        public nuint Pos;
    }

    [LibraryImport(Lib)]
    private static partial nint ZSTD_createDStream();

    [LibraryImport(Lib)]
    private static partial nuint ZSTD_initDStream(nint zds);

    [LibraryImport(Lib)]
    private static partial nuint ZSTD_freeDStream(nint zds);

    [LibraryImport(Lib)]
    private static unsafe partial nuint ZSTD_decompressStream(nint zds, ZstdOutBuffer* output, ZstdInBuffer* input);

    [LibraryImport(Lib)]
    private static partial nuint ZSTD_DStreamInSize();

    [LibraryImport(Lib)]
    private static partial uint ZSTD_isError(nuint code);

    [LibraryImport(Lib)]
    private static partial nint ZSTD_getErrorName(nuint code);
}
