using System.Formats.Tar;
using System.IO.Compression;
using KubeSharp.Node.Runtime.Native;

namespace KubeSharp.Node.Images;

/// <summary>
/// Unpacks one layer tarball into its own directory, ready to be an overlayfs lower dir.
/// Because each layer stays a separate lower dir, whiteouts are not applied by deleting files
/// but translated into overlayfs's own markers: <c>.wh.name</c> becomes a 0:0 character device
/// named <c>name</c>, and <c>.wh..wh..opq</c> marks its directory opaque (<c>trusted.overlay.opaque=y</c>).
/// </summary>
public static class LayerUnpacker
{
    private const string WhiteoutPrefix = ".wh.";
    private const string OpaqueWhiteout = ".wh..wh..opq";
    private static readonly byte[] OpaqueValue = "y"u8.ToArray();

    public static async Task UnpackAsync(Stream layer, string targetDirectory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(targetDirectory);
        var root = Path.GetFullPath(targetDirectory);
        await using var content = await OpenMaybeCompressedAsync(layer, cancellationToken);
        // Directory modes are applied last: a read-only directory would otherwise stop its own extraction.
        var directoryModes = new List<(string Path, UnixFileMode Mode, int Uid, int Gid)>();

        using var reader = new TarReader(content, leaveOpen: true);
        while (await reader.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
        {
            if (entry.EntryType is TarEntryType.GlobalExtendedAttributes or TarEntryType.ExtendedAttributes)
                continue;
            var relative = CleanName(entry.Name);
            if (relative is null)
                continue;
            var path = SafeJoin(root, relative);
            var parent = Path.GetDirectoryName(path)!;
            Directory.CreateDirectory(parent);

            var name = Path.GetFileName(path);
            if (name == OpaqueWhiteout)
            {
                LibC.Check(LibC.lsetxattr(parent, "trusted.overlay.opaque", OpaqueValue, (nuint)OpaqueValue.Length, 0), $"mark {relative} opaque");
                continue;
            }
            if (name.StartsWith(WhiteoutPrefix, StringComparison.Ordinal))
            {
                var hidden = Path.Combine(parent, name[WhiteoutPrefix.Length..]);
                RemoveExisting(hidden);
                LibC.Check(LibC.mknod(hidden, LibC.S_IFCHR, 0), $"whiteout {relative}");
                continue;
            }

            switch (entry.EntryType)
            {
                case TarEntryType.Directory:
                    if (!Directory.Exists(path))
                    {
                        RemoveExisting(path);
                        Directory.CreateDirectory(path);
                    }
                    directoryModes.Add((path, entry.Mode, entry.Uid, entry.Gid));
                    continue;
                case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                    RemoveExisting(path);
                    await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, FileOptions.Asynchronous))
                    {
                        if (entry.DataStream is { } data)
                            await data.CopyToAsync(file, cancellationToken);
                    }
                    break;
                case TarEntryType.SymbolicLink:
                    RemoveExisting(path);
                    File.CreateSymbolicLink(path, entry.LinkName);
                    break;
                case TarEntryType.HardLink:
                    RemoveExisting(path);
                    var target = SafeJoin(root, CleanName(entry.LinkName) ?? throw new InvalidDataException($"hard link {relative} has no target"));
                    LibC.Check(LibC.link(target, path), $"hard link {relative}");
                    continue; // shares the target's inode, mode and owner
                case TarEntryType.CharacterDevice or TarEntryType.BlockDevice or TarEntryType.Fifo:
                    RemoveExisting(path);
                    var posix = (PosixTarEntry)entry;
                    var type = entry.EntryType switch { TarEntryType.CharacterDevice => 0x2000u, TarEntryType.BlockDevice => 0x6000u, _ => 0x1000u };
                    var dev = ((ulong)posix.DeviceMajor << 8) | (uint)posix.DeviceMinor;
                    LibC.Check(LibC.mknod(path, type | (uint)entry.Mode, dev), $"device node {relative}");
                    break;
                default:
                    continue;
            }

            LibC.Check(LibC.lchown(path, entry.Uid, entry.Gid), $"chown {relative}");
            if (entry.EntryType != TarEntryType.SymbolicLink)
            {
                File.SetUnixFileMode(path, entry.Mode);
                File.SetLastWriteTimeUtc(path, entry.ModificationTime.UtcDateTime);
            }
        }

        foreach (var (path, mode, uid, gid) in directoryModes)
        {
            LibC.Check(LibC.lchown(path, uid, gid), $"chown {path}");
            File.SetUnixFileMode(path, mode);
        }
    }

    private static async Task<Stream> OpenMaybeCompressedAsync(Stream layer, CancellationToken cancellationToken)
    {
        var buffered = new BufferedStream(layer, 64 * 1024);
        var head = new byte[2];
        var read = 0;
        // The source may not be seekable (a tar entry), so the magic bytes are read and stitched back in front.
        while (read < head.Length)
        {
            var n = await buffered.ReadAsync(head.AsMemory(read), cancellationToken);
            if (n == 0) break;
            read += n;
        }
        Stream whole = new PrefixedStream(head.AsMemory(0, read), buffered);
        if (read == 2 && head[0] == 0x1f && head[1] == 0x8b)
            return new GZipStream(whole, CompressionMode.Decompress);
        if (read == 2 && head[0] == 0x28 && head[1] == 0xb5)
            return new ZstdDecompressionStream(whole);
        return whole;
    }

    /// <summary>Strips <c>./</c> and leading slashes; rejects <c>..</c> so no entry can land outside the layer.</summary>
    internal static string? CleanName(string name)
    {
        var parts = name.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => p != ".").ToArray();
        if (parts.Length == 0)
            return null;
        if (parts.Contains(".."))
            throw new InvalidDataException($"layer entry \"{name}\" escapes the layer root");
        return string.Join('/', parts);
    }

    /// <summary>Joins and refuses to pass through a symlink inside the layer, which could point anywhere on the host.</summary>
    private static string SafeJoin(string root, string relative)
    {
        var current = root;
        var parts = relative.Split('/');
        for (var i = 0; i < parts.Length - 1; i++)
        {
            current = Path.Combine(current, parts[i]);
            if (new FileInfo(current).LinkTarget is not null)
                throw new InvalidDataException($"layer entry \"{relative}\" passes through symlink \"{parts[i]}\"");
        }
        return Path.Combine(current, parts[^1]);
    }

    private static void RemoveExisting(string path)
    {
        // FileInfo.Exists is true for any non-directory, including device nodes and FIFOs.
        var info = new FileInfo(path);
        if (info.LinkTarget is not null || info.Exists)
            info.Delete();
        else if (Directory.Exists(path))
            Directory.Delete(path, recursive: true);
    }

    private sealed class PrefixedStream(ReadOnlyMemory<byte> prefix, Stream inner) : Stream
    {
        private ReadOnlyMemory<byte> _prefix = prefix;

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
            if (_prefix.Length > 0)
            {
                var n = Math.Min(buffer.Length, _prefix.Length);
                _prefix.Span[..n].CopyTo(buffer);
                _prefix = _prefix[n..];
                return n;
            }
            return inner.Read(buffer);
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_prefix.Length > 0)
                return Read(buffer.Span);
            return await inner.ReadAsync(buffer, cancellationToken);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }
}
