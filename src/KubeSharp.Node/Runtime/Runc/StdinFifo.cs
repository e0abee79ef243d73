using System.Runtime.InteropServices;
using KubeSharp.Node.Runtime.Native;

namespace KubeSharp.Node.Runtime.Runc;

/// <summary>
/// An attach session's writer on a container's <c>stdin.fifo</c>. Non-blocking, so a process that stops reading
/// stalls only this session's input, never a thread, and leaving the session is always possible.
/// </summary>
internal sealed class StdinFifo : IDisposable
{
    private const int O_WRONLY = 1;
    private const int ENXIO = 6;
    private static readonly TimeSpan FullPipeDelay = TimeSpan.FromMilliseconds(5);

    private int _fd;

    private StdinFifo(int fd) => _fd = fd;

    /// <summary>Null when nothing reads the FIFO any more (the container's stdin is gone).</summary>
    public static StdinFifo? TryOpen(string path)
    {
        var fd = LibC.open(path, O_WRONLY | LibC.O_NONBLOCK | LibC.O_CLOEXEC, 0);
        if (fd >= 0)
            return new StdinFifo(fd);
        if (LibC.LastError is ENXIO or LibC.ENOENT)
            return null;
        LibC.Check(fd, "open " + path);
        return null;
    }

    /// <summary>
    /// Lets the waiter's helper go, which held stdin open until the first session had its own writer (stdinOnce).
    /// False when it was already released: stdin belongs to an earlier session and ends with it.
    /// </summary>
    public static bool Release(string releaseFifo)
    {
        // The helper is blocked opening the FIFO for reading; a writer's open lets it through, and the close right
        // after is the EOF that ends it.
        var fd = LibC.open(releaseFifo, O_WRONLY | LibC.O_NONBLOCK | LibC.O_CLOEXEC, 0);
        if (fd < 0)
            return false;
        LibC.close(fd);
        return true;
    }

    public async Task WriteAsync(ReadOnlyMemory<byte> data, TimeProvider time, CancellationToken cancellationToken)
    {
        while (data.Length > 0)
        {
            var n = Write(_fd, data.Span);
            if (n > 0)
            {
                data = data[(int)n..];
                continue;
            }
            var error = Marshal.GetLastPInvokeError();
            if (error == LibC.EAGAIN)
                await Task.Delay(FullPipeDelay, time, cancellationToken);
            else if (error != LibC.EINTR)
                throw new IOException($"writing to the container's stdin: {Marshal.GetPInvokeErrorMessage(error)}", error);
        }
    }

    public void Dispose()
    {
        var fd = Interlocked.Exchange(ref _fd, -1);
        if (fd >= 0)
            LibC.close(fd);
    }

    private static unsafe nint Write(int fd, ReadOnlySpan<byte> data)
    {
        fixed (byte* p = data)
            return write(fd, p, data.Length);
    }

    [DllImport("libc", SetLastError = true)]
    private static extern unsafe nint write(int fd, byte* buffer, nint count);
}
