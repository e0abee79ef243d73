namespace KubeSharp.Node.Volumes;

/// <summary>The <c>hostPath.type</c> checks, creating what the <c>…OrCreate</c> types ask for.</summary>
public static class HostPathTypeChecker
{
    public static void Check(string path, string? type)
    {
        switch (type ?? "")
        {
            case "":
                return;
            case "DirectoryOrCreate":
                if (!Exists(path))
                {
                    Directory.CreateDirectory(path);
                    File.SetUnixFileMode(path, (UnixFileMode)0x1ED); // 0755
                    return;
                }
                RequireKind(path, "directory", IsDirectory);
                return;
            case "Directory":
                RequireExists(path);
                RequireKind(path, "directory", IsDirectory);
                return;
            case "FileOrCreate":
                if (!Exists(path))
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(path) ?? "/");
                    using (File.Create(path)) { }
                    File.SetUnixFileMode(path, (UnixFileMode)0x1A4); // 0644
                    return;
                }
                RequireKind(path, "file", IsFile);
                return;
            case "File":
                RequireExists(path);
                RequireKind(path, "file", IsFile);
                return;
            case "Socket":
                RequireExists(path);
                RequireKind(path, "socket", p => Kind(p) == FileKind.Socket);
                return;
            case "CharDevice":
                RequireExists(path);
                RequireKind(path, "character device", p => Kind(p) == FileKind.CharDevice);
                return;
            case "BlockDevice":
                RequireExists(path);
                RequireKind(path, "block device", p => Kind(p) == FileKind.BlockDevice);
                return;
            default:
                throw new ArgumentException($"hostPath type \"{type}\" is not supported");
        }
    }

    static bool Exists(string path) => File.Exists(path) || Directory.Exists(path);

    static void RequireExists(string path)
    {
        if (!Exists(path)) throw new ArgumentException($"hostPath type check failed: {path} does not exist");
    }

    static void RequireKind(string path, string what, Func<string, bool> check)
    {
        if (!check(path)) throw new ArgumentException($"hostPath type check failed: {path} is not a {what}");
    }

    static bool IsDirectory(string path) => Directory.Exists(path);

    static bool IsFile(string path) => Kind(path) == FileKind.Regular;

    enum FileKind { Missing, Regular, Directory, Socket, CharDevice, BlockDevice, Other }

    static FileKind Kind(string path)
    {
        if (Directory.Exists(path)) return FileKind.Directory;
        if (!File.Exists(path)) return FileKind.Missing;
        return (Native.StatMode(path) & 0xF000) switch
        {
            0x8000 => FileKind.Regular,
            0xC000 => FileKind.Socket,
            0x2000 => FileKind.CharDevice,
            0x6000 => FileKind.BlockDevice,
            _ => FileKind.Other,
        };
    }

    static class Native
    {
        /// <summary>The st_mode of <paramref name="path"/> (following symlinks), 0 when it cannot be read.</summary>
        public static uint StatMode(string path)
        {
            // `stat -c %f` prints the raw mode in hex; it avoids a libc struct layout dependency for a rarely used check.
            try
            {
                var result = Runtime.Native.ProcessRunner.RunAsync("stat", ["-L", "-c", "%f", path], null, CancellationToken.None).GetAwaiter().GetResult();
                return result.ExitCode == 0 ? Convert.ToUInt32(result.StandardOutput.Trim(), 16) : 0;
            }
            catch (System.ComponentModel.Win32Exception) { return 0; }
        }
    }
}
