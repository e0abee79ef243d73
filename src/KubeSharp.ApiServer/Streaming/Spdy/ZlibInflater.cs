using System.Runtime.InteropServices;

namespace KubeSharp.ApiServer.Streaming.Spdy;

/// <summary>
/// One long-lived zlib inflate stream with a preset dictionary, through the system's libz: SPDY
/// compresses every header block of a connection as one zlib stream against a fixed dictionary,
/// which .NET's ZLibStream cannot be primed with.
/// </summary>
public sealed unsafe class ZlibInflater : IDisposable
{
    [StructLayout(LayoutKind.Sequential)]
    struct ZStream
    {
        public byte* NextIn;
        public uint AvailIn;
        public nuint TotalIn;
        public byte* NextOut;
        public uint AvailOut;
        public nuint TotalOut;
        public IntPtr Msg;
        public IntPtr State;
        public IntPtr ZAlloc;
        public IntPtr ZFree;
        public IntPtr Opaque;
        public int DataType;
        public nuint Adler;
        public nuint Reserved;
    }

    const int ZOk = 0, ZStreamEnd = 1, ZNeedDict = 2, ZBufError = -5, ZSyncFlush = 2;

    [DllImport("libz.so.1", EntryPoint = "inflateInit_")]
    static extern int InflateInit(ZStream* strm, byte* version, int streamSize);

    [DllImport("libz.so.1", EntryPoint = "inflate")]
    static extern int Inflate(ZStream* strm, int flush);

    [DllImport("libz.so.1", EntryPoint = "inflateSetDictionary")]
    static extern int InflateSetDictionary(ZStream* strm, byte* dictionary, uint length);

    [DllImport("libz.so.1", EntryPoint = "inflateEnd")]
    static extern int InflateEnd(ZStream* strm);

    readonly ZStream* _stream;
    readonly byte[] _dictionary;
    bool _disposed;

    public ZlibInflater(byte[] dictionary)
    {
        _dictionary = dictionary;
        _stream = (ZStream*)NativeMemory.AllocZeroed((nuint)sizeof(ZStream));
        var version = "1.2.13\0"u8;
        fixed (byte* v = version)
        {
            var rc = InflateInit(_stream, v, sizeof(ZStream));
            if (rc != ZOk) throw new InvalidOperationException($"zlib inflateInit failed: {rc}");
        }
    }

    /// <summary>Inflates one header block (the stream continues across calls).</summary>
    public byte[] Inflate(ReadOnlySpan<byte> input)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var output = new MemoryStream();
        var chunk = new byte[4096];
        fixed (byte* inPtr = input)
        fixed (byte* outPtr = chunk)
        {
            _stream->NextIn = inPtr;
            _stream->AvailIn = (uint)input.Length;
            while (true)
            {
                _stream->NextOut = outPtr;
                _stream->AvailOut = (uint)chunk.Length;
                var rc = Inflate(_stream, ZSyncFlush);
                if (rc == ZNeedDict)
                {
                    fixed (byte* d = _dictionary)
                        if (InflateSetDictionary(_stream, d, (uint)_dictionary.Length) != ZOk)
                            throw new InvalidDataException("SPDY header block uses an unknown zlib dictionary");
                    continue;
                }
                var produced = chunk.Length - (int)_stream->AvailOut;
                output.Write(chunk, 0, produced);
                if (rc == ZBufError || (rc == ZOk && _stream->AvailIn == 0 && produced < chunk.Length) || rc == ZStreamEnd) break;
                if (rc != ZOk) throw new InvalidDataException($"zlib inflate failed: {rc}");
            }
        }
        return output.ToArray();
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        InflateEnd(_stream);
        NativeMemory.Free(_stream);
    }
}
