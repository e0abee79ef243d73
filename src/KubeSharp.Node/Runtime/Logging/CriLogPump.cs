using System.Text;
using KubeSharp.Node.Runtime.Native;

namespace KubeSharp.Node.Runtime.Logging;

/// <summary>
/// Copies a container's stdout and stderr FIFOs into its log file in the CRI format the kubelet reads
/// (<c>2026-11-22T05:00:00.000000000Z stdout F line</c>; <c>P</c> marks a line split because it was too long).
/// One thread per container polls both FIFOs with a timeout so it can notice cancellation. It ends when both FIFOs
/// hang up after their writer left, or — for a pump opened after the writer already closed them — once the
/// container's exit file exists and nothing is left to read.
/// </summary>
internal sealed class CriLogPump : IAsyncDisposable
{
    /// <summary>The longest log line, as containerd's default; longer lines are split into partial lines.</summary>
    public const int MaxLineBytes = 16 * 1024;
    private const int PipeSize = 1 << 20;

    private readonly string _stdoutFifo;
    private readonly string _stderrFifo;
    private readonly string _logPath;
    private readonly Func<bool> _hasExited;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public CriLogPump(string stdoutFifo, string stderrFifo, string logPath, Func<bool> hasExited, TimeProvider time)
    {
        _stdoutFifo = stdoutFifo;
        _stderrFifo = stderrFifo;
        _logPath = logPath;
        _hasExited = hasExited;
        _time = time;
    }

    /// <summary>The output as it is read, for attach sessions; completed when the pump ends.</summary>
    public OutputTap Tap { get; } = new();

    /// <summary>Completes when all output has been written to the log (or the pump was stopped).</summary>
    public Task Completion => _done.Task;

    public void Start()
    {
        var thread = new Thread(Run) { IsBackground = true, Name = "cri-log " + Path.GetFileName(Path.GetDirectoryName(_stdoutFifo)) };
        thread.Start();
    }

    private sealed class Source(string name, int fd)
    {
        public readonly string Name = name;
        public int Fd = fd;
        public readonly MemoryStream Partial = new();
    }

    private unsafe void Run()
    {
        Source? stdout = null, stderr = null;
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(_logPath)!);
            using var log = new FileStream(_logPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
            stdout = new Source("stdout", OpenFifo(_stdoutFifo));
            stderr = new Source("stderr", OpenFifo(_stderrFifo));
            var buffer = new byte[64 * 1024];
            var fds = stackalloc LibC.PollFd[2];
            while (!_stop.IsCancellationRequested && (stdout.Fd >= 0 || stderr.Fd >= 0))
            {
                fds[0] = new LibC.PollFd { Fd = stdout.Fd, Events = LibC.POLLIN };
                fds[1] = new LibC.PollFd { Fd = stderr.Fd, Events = LibC.POLLIN };
                var exitedBeforePoll = _hasExited();
                var ready = LibC.poll(fds, 2, 100);
                if (ready < 0 && LibC.LastError == LibC.EINTR)
                    continue;
                var readAny = false;
                for (var i = 0; i < 2; i++)
                {
                    var source = i == 0 ? stdout : stderr;
                    if (source.Fd < 0 || fds[i].Revents == 0)
                        continue;
                    var n = Drain(source, buffer, log, out var ended);
                    readAny |= n > 0;
                    if (ended && (fds[i].Revents & LibC.POLLHUP) != 0)
                        Close(source, log);
                }
                // The exit file is written after runc (the only writer) is gone, so once it exists an empty poll means done.
                if (!readAny && exitedBeforePoll)
                {
                    Drain(stdout, buffer, log, out _);
                    Drain(stderr, buffer, log, out _);
                    Close(stdout, log);
                    Close(stderr, log);
                }
                log.Flush();
            }
            // Stopped while the container still runs: keep what was read; the rest stays in the FIFO for the next pump.
            FlushPartial(stdout, log);
            FlushPartial(stderr, log);
        }
        catch (Exception ex)
        {
            _done.TrySetException(ex);
        }
        finally
        {
            if (stdout is { Fd: >= 0 }) LibC.close(stdout.Fd);
            if (stderr is { Fd: >= 0 }) LibC.close(stderr.Fd);
            Tap.Complete();
            _done.TrySetResult();
        }
    }

    private static int OpenFifo(string path)
    {
        var fd = LibC.open(path, LibC.O_RDONLY | LibC.O_NONBLOCK | LibC.O_CLOEXEC, 0);
        LibC.Check(fd, $"open {path}");
        LibC.fcntl(fd, LibC.F_SETPIPE_SZ, PipeSize); // best effort: the limit may be lower for this user
        return fd;
    }

    /// <returns>Bytes read; <paramref name="ended"/> is true when read returned EOF or would block.</returns>
    private unsafe int Drain(Source source, byte[] buffer, FileStream log, out bool ended)
    {
        ended = false;
        var total = 0;
        if (source.Fd < 0)
            return 0;
        while (true)
        {
            nint n;
            fixed (byte* p = buffer)
                n = LibC.read(source.Fd, p, buffer.Length);
            if (n > 0)
            {
                total += (int)n;
                Tap.Publish(source.Name == "stderr", buffer.AsSpan(0, (int)n));
                Append(source, buffer.AsSpan(0, (int)n), log);
                continue;
            }
            if (n < 0 && LibC.LastError == LibC.EINTR)
                continue;
            ended = true;
            return total;
        }
    }

    private void Append(Source source, ReadOnlySpan<byte> data, FileStream log)
    {
        while (data.Length > 0)
        {
            var newline = data.IndexOf((byte)'\n');
            var room = MaxLineBytes - (int)source.Partial.Length;
            if (newline >= 0 && newline <= room)
            {
                source.Partial.Write(data[..newline]);
                WriteLine(log, source, full: true);
                data = data[(newline + 1)..];
            }
            else if (data.Length >= room)
            {
                source.Partial.Write(data[..room]);
                WriteLine(log, source, full: false);
                data = data[room..];
            }
            else
            {
                source.Partial.Write(data);
                return;
            }
        }
    }

    private void WriteLine(FileStream log, Source source, bool full)
    {
        var timestamp = _time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", System.Globalization.CultureInfo.InvariantCulture);
        var header = Encoding.ASCII.GetBytes($"{timestamp}00Z {source.Name} {(full ? 'F' : 'P')} ");
        log.Write(header);
        log.Write(source.Partial.GetBuffer().AsSpan(0, (int)source.Partial.Length));
        log.WriteByte((byte)'\n');
        source.Partial.SetLength(0);
    }

    private void FlushPartial(Source? source, FileStream log)
    {
        if (source is { Partial.Length: > 0 })
            WriteLine(log, source, full: false);
    }

    private void Close(Source source, FileStream log)
    {
        if (source.Fd < 0)
            return;
        // A last line without a newline is still a complete line once its stream has ended.
        if (source.Partial.Length > 0)
            WriteLine(log, source, full: true);
        LibC.close(source.Fd);
        source.Fd = -1;
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _done.Task.ConfigureAwait(false);
        _stop.Dispose();
    }
}
