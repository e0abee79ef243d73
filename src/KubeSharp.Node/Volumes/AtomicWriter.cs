using System.Security.Cryptography;

namespace KubeSharp.Node.Volumes;

/// <summary>One file a volume projects: its content and permission bits.</summary>
public sealed record FileProjection(byte[] Data, UnixFileMode Mode);

/// <summary>
/// Publishes a set of files into a volume directory so containers never see a half-written update, the way
/// upstream's atomic writer does: the files go into a fresh hidden timestamped directory, the <c>..data</c>
/// symlink is swapped to it by rename, and each top-level name is a symlink through <c>..data</c>.
/// </summary>
public sealed class AtomicWriter(string directory, TimeProvider time)
{
    const string DataLink = "..data";
    const string NewDataLink = "..data_tmp";

    /// <returns>True when something changed on disk.</returns>
    public bool Write(IReadOnlyDictionary<string, FileProjection> payload)
    {
        foreach (var path in payload.Keys) Validate(path);
        Directory.CreateDirectory(directory);
        var dataLink = Path.Combine(directory, DataLink);
        var oldTarget = File.Exists(dataLink) || Directory.Exists(dataLink) ? new FileInfo(dataLink).LinkTarget : null;
        if (oldTarget is not null && Matches(Path.Combine(directory, oldTarget), payload)) return false;

        var stamp = time.GetUtcNow().UtcDateTime.ToString("yyyy_MM_dd_HH_mm_ss", System.Globalization.CultureInfo.InvariantCulture);
        var newName = $"..{stamp}.{RandomNumberGenerator.GetHexString(8, lowercase: true)}";
        var newDirectory = Path.Combine(directory, newName);
        Directory.CreateDirectory(newDirectory);
        foreach (var (path, file) in payload)
        {
            var target = Path.Combine(newDirectory, path);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllBytes(target, file.Data);
            File.SetUnixFileMode(target, file.Mode);
        }

        var tempLink = Path.Combine(directory, NewDataLink);
        if (File.Exists(tempLink) || new FileInfo(tempLink).LinkTarget is not null) File.Delete(tempLink);
        File.CreateSymbolicLink(tempLink, newName);
        // rename(2) replaces the old link atomically (File.Move would follow the link to the directory).
        if (Rename(tempLink, dataLink) != 0)
            throw new IOException($"rename {tempLink} to {dataLink} failed: errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()}");

        var visible = payload.Keys.Select(p => p.Split('/')[0]).ToHashSet(StringComparer.Ordinal);
        foreach (var name in visible)
        {
            var link = Path.Combine(directory, name);
            if (new FileInfo(link).LinkTarget is null) File.CreateSymbolicLink(link, Path.Combine(DataLink, name));
        }
        foreach (var entry in Directory.EnumerateFileSystemEntries(directory))
        {
            var name = Path.GetFileName(entry);
            if (name.StartsWith("..", StringComparison.Ordinal) || visible.Contains(name)) continue;
            if (new FileInfo(entry).LinkTarget is not null) File.Delete(entry);
        }
        if (oldTarget is not null && oldTarget != newName)
        {
            var old = Path.Combine(directory, oldTarget);
            if (Directory.Exists(old)) Directory.Delete(old, recursive: true);
        }
        return true;
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "rename", SetLastError = true)]
    static extern int Rename([System.Runtime.InteropServices.MarshalAs(System.Runtime.InteropServices.UnmanagedType.LPUTF8Str)] string from,
        [System.Runtime.InteropServices.MarshalAs(System.Runtime.InteropServices.UnmanagedType.LPUTF8Str)] string to);

    static bool Matches(string current, IReadOnlyDictionary<string, FileProjection> payload)
    {
        if (!Directory.Exists(current)) return false;
        var existing = Directory.EnumerateFiles(current, "*", SearchOption.AllDirectories).ToList();
        if (existing.Count != payload.Count) return false;
        foreach (var (path, file) in payload)
        {
            var target = Path.Combine(current, path);
            if (!File.Exists(target) || File.GetUnixFileMode(target) != file.Mode) return false;
            if (!File.ReadAllBytes(target).AsSpan().SequenceEqual(file.Data)) return false;
        }
        return true;
    }

    static void Validate(string path)
    {
        if (path.Length == 0 || path.StartsWith('/') || path.Split('/').Any(p => p is ".." or "") || path.StartsWith("..", StringComparison.Ordinal))
            throw new ArgumentException($"invalid path in volume payload: \"{path}\"");
    }
}
