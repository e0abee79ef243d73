using System.Runtime.InteropServices;
using KubeSharp.Node.Runtime.Native;
using KubeSharp.Client.NodeStreams;

namespace KubeSharp.Node.Runtime.Runc;

/// <summary>Pseudo-terminals for runc, which wants its own stdio to be a terminal whenever the process gets one.</summary>
internal static unsafe class PseudoTerminal
{
    /// <summary>A new master (close-on-exec, so no other child inherits it) and the path of its slave.</summary>
    public static (int Master, string SlavePath) Open()
    {
        var master = LibC.posix_openpt(LibC.O_RDWR | LibC.O_NOCTTY | LibC.O_CLOEXEC);
        LibC.Check(master, "posix_openpt");
        try
        {
            LibC.Check(LibC.grantpt(master), "grantpt");
            LibC.Check(LibC.unlockpt(master), "unlockpt");
            var name = stackalloc byte[128];
            var error = LibC.ptsname_r(master, name, 128);
            if (error != 0)
                throw new IOException($"ptsname_r failed ({error})");
            return (master, Marshal.PtrToStringUTF8((nint)name)!);
        }
        catch
        {
            LibC.close(master);
            throw;
        }
    }

    public static void SetSize(int fd, TerminalSize size)
    {
        var winsize = new LibC.WinSize { Cols = size.Width, Rows = size.Height };
        LibC.ioctl(fd, LibC.TIOCSWINSZ, &winsize);
    }

    /// <summary>
    /// Resizes through the slave, for a terminal whose master another process holds: both ends share one window size.
    /// The slave must already be open elsewhere, or closing it here would hang the terminal up for the master.
    /// </summary>
    public static bool TrySetSize(string slavePath, TerminalSize size)
    {
        var fd = LibC.open(slavePath, LibC.O_RDWR | LibC.O_NOCTTY | LibC.O_NONBLOCK | LibC.O_CLOEXEC, 0);
        if (fd < 0)
            return false;
        try
        {
            SetSize(fd, size);
            return true;
        }
        finally
        {
            LibC.close(fd);
        }
    }
}
