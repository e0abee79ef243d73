using System.Security.Cryptography;

namespace KubeSharp.Node.Images.Registry;

/// <summary>
/// Passes a blob through while hashing it and fails the read that reaches the end (or overshoots the size) when the
/// content does not match its descriptor. The store commits a blob only after reading it to the end, so a bad blob
/// never lands in it.
/// </summary>
internal sealed class DigestVerifyingStream(Stream inner, OciDescriptor expected) : Stream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long _read;
    private bool _verified;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => expected.Size;
    public override long Position { get => _read; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer) => Account(buffer, inner.Read(buffer));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = await inner.ReadAsync(buffer, cancellationToken);
        return Account(buffer.Span, n);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private int Account(Span<byte> buffer, int n)
    {
        if (n > 0)
        {
            _read += n;
            if (_read > expected.Size)
                throw Mismatch($"is larger than the {expected.Size} bytes its descriptor states");
            _hash.AppendData(buffer[..n]);
            return n;
        }
        if (buffer.IsEmpty || _verified)
            return 0;
        if (_read != expected.Size)
            throw Mismatch($"ended after {_read} of {expected.Size} bytes");
        var actual = "sha256:" + Convert.ToHexStringLower(_hash.GetHashAndReset());
        if (actual != expected.Digest)
            throw Mismatch($"has digest {actual}");
        _verified = true;
        return 0;
    }

    private ImagePullException Mismatch(string what) =>
        new($"blob {expected.Digest} {what}", ImagePullFailure.DigestMismatch);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
            inner.Dispose();
        }
        base.Dispose(disposing);
    }
}
