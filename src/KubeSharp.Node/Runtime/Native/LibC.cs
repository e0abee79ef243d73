using System.Runtime.InteropServices;

namespace KubeSharp.Node.Runtime.Native;

/// <summary>The few libc calls the runtime needs and .NET does not expose (mounts, device nodes, xattrs, FIFOs, poll, ptys).</summary>
internal static unsafe class LibC
{
    private const string Lib = "libc";

    public const int O_RDONLY = 0x0;
    public const int O_RDWR = 0x2;
    public const int O_NOCTTY = 0x100;
    public const int O_NONBLOCK = 0x800;
    public const int O_CLOEXEC = 0x80000;

    public const int EINTR = 4;
    public const int EAGAIN = 11;
    public const int EEXIST = 17;
    public const int EINVAL = 22;
    public const int ENOENT = 2;
    public const int EIO = 5;

    public const short POLLIN = 0x1;
    public const short POLLHUP = 0x10;
    public const short POLLERR = 0x8;

    public const int MNT_DETACH = 0x2;
    public const int F_SETPIPE_SZ = 1031;
    public const uint S_IFCHR = 0x2000;
    public const ulong TIOCSWINSZ = 0x5414;

    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct WinSize
    {
        public ushort Rows;
        public ushort Cols;
        public ushort XPixel;
        public ushort YPixel;
    }

    [DllImport(Lib, SetLastError = true)]
    public static extern int mount(string source, string target, string? fstype, ulong flags, string? data);

    [DllImport(Lib, SetLastError = true)]
    public static extern int umount2(string target, int flags);

    [DllImport(Lib, SetLastError = true)]
    public static extern int mknod(string path, uint mode, ulong dev);

    [DllImport(Lib, SetLastError = true)]
    public static extern int mkfifo(string path, uint mode);

    [DllImport(Lib, SetLastError = true)]
    public static extern int lsetxattr(string path, string name, byte[] value, nuint size, int flags);

    [DllImport(Lib, SetLastError = true)]
    public static extern int lchown(string path, int uid, int gid);

    [DllImport(Lib, SetLastError = true)]
    public static extern int link(string oldPath, string newPath);

    [DllImport(Lib, SetLastError = true)]
    public static extern int kill(int pid, int sig);

    [DllImport(Lib, SetLastError = true)]
    public static extern int open(string path, int flags, int mode);

    [DllImport(Lib, SetLastError = true)]
    public static extern nint read(int fd, byte* buffer, nint count);

    [DllImport(Lib, SetLastError = true)]
    public static extern int close(int fd);

    [DllImport(Lib, SetLastError = true)]
    public static extern int poll(PollFd* fds, nuint count, int timeoutMs);

    [DllImport(Lib, SetLastError = true)]
    public static extern int fcntl(int fd, int cmd, int arg);

    [DllImport(Lib, SetLastError = true)]
    public static extern int posix_openpt(int flags);

    [DllImport(Lib, SetLastError = true)]
    public static extern int grantpt(int fd);

    [DllImport(Lib, SetLastError = true)]
    public static extern int unlockpt(int fd);

    [DllImport(Lib, SetLastError = true)]
    public static extern int ptsname_r(int fd, byte* buffer, nuint length);

    [DllImport(Lib, SetLastError = true)]
    public static extern int ioctl(int fd, ulong request, WinSize* size);

    public static int LastError => Marshal.GetLastPInvokeError();

    public static void Check(int result, string what)
    {
        if (result < 0)
        {
            var errno = LastError;
            throw new IOException($"{what}: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})", errno);
        }
    }

    public static bool ProcessExists(int pid) => pid > 0 && (kill(pid, 0) == 0 || LastError != 3 /* ESRCH */);
}
