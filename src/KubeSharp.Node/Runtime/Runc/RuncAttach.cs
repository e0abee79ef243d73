using System.Globalization;
using System.Threading.Channels;
using KubeSharp.Node.Runtime.Logging;
using KubeSharp.Node.Runtime.Native;
using KubeSharp.Client.NodeStreams;

namespace KubeSharp.Node.Runtime.Runc;

/// <summary>
/// One attach session to a container's main process, with containerd's semantics: output live from the log pump,
/// input into <c>stdin.fifo</c>; when the client's stdin ends the session detaches, except without a terminal and
/// with <c>stdinOnce</c>, where the process's stdin ends instead and output follows until the process exits.
/// </summary>
internal sealed class RuncAttach(RuntimeLayout layout, TimeProvider time)
{
    private const int SIGWINCH = 28;

    public async Task RunAsync(ContainerRecord record, OutputTap tap, AttachRequest request, CancellationToken cancellationToken)
    {
        var config = record.Config;
        using var subscription = tap.Subscribe();
        using var session = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var stdin = request.Stdin is not null && config.Stdin ? OpenStdin(record) : null;
        var output = CopyOutputAsync(subscription.Reader, request, config.Tty, session.Token);
        var resize = config.Tty && request.Resize is not null ? ResizeAsync(record.Id, request.Resize, session.Token) : Task.CompletedTask;
        var feeding = stdin is null ? null : FeedAsync(request.Stdin!, stdin, session.Token);
        try
        {
            while (feeding is not null && await Task.WhenAny(output, feeding) == feeding)
            {
                await feeding;
                stdin!.Dispose();
                if (!config.StdinOnce || config.Tty)
                    return; // detach; the process keeps its stdin for the next session
                feeding = null; // the process's stdin has ended; its output still follows
            }
            await output;
        }
        finally
        {
            await session.CancelAsync();
            await Task.WhenAll(output, resize, feeding ?? Task.CompletedTask).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private StdinFifo? OpenStdin(ContainerRecord record)
    {
        var fifo = StdinFifo.TryOpen(layout.StdinFifo(record.Id));
        if (fifo is null || !record.Config.StdinOnce || record.Config.Tty)
            return fifo;
        // stdinOnce: this writer is open, so releasing the holder now cannot end stdin early; if it was released
        // before, stdin belonged to an earlier session and this one gets none.
        if (StdinFifo.Release(layout.StdinReleaseFifo(record.Id)))
            return fifo;
        fifo.Dispose();
        return null;
    }

    private async Task FeedAsync(Stream source, StdinFifo target, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int n;
            while ((n = await source.ReadAsync(buffer, cancellationToken)) > 0)
                await target.WriteAsync(buffer.AsMemory(0, n), time, cancellationToken);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // the client left, or the process's stdin went away: either way this session's input is over
        }
    }

    private static async Task CopyOutputAsync(ChannelReader<OutputChunk> reader, AttachRequest request, bool tty, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var chunk in reader.ReadAllAsync(cancellationToken))
            {
                // With a terminal everything the process writes is stdout; stderr.fifo then only carries runc's own messages.
                var target = chunk.Stderr ? (tty ? null : request.Stderr) : request.Stdout;
                if (target is null)
                    continue;
                await target.WriteAsync(chunk.Data, cancellationToken);
                await target.FlushAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task ResizeAsync(string id, ChannelReader<TerminalSize> sizes, CancellationToken cancellationToken)
    {
        try
        {
            var slave = (await File.ReadAllTextAsync(layout.TerminalFile(id), cancellationToken)).Trim();
            await foreach (var size in sizes.ReadAllAsync(cancellationToken))
            {
                // runc copies the size of its own terminal (the slave) to the container's when it gets SIGWINCH.
                if (PseudoTerminal.TrySetSize(slave, size) && FindRunc(id) is { } runc)
                    LibC.kill(runc, SIGWINCH);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
        }
    }

    /// <summary>runc is the parent of the container's init and the waiter's child: checking both avoids signalling a reused pid.</summary>
    private int? FindRunc(string id)
    {
        if (ReadInt(layout.PidFile(id)) is not { } init || ParentOf(init) is not { } runc)
            return null;
        return ParentOf(runc) == ReadInt(layout.ShimPidFile(id)) ? runc : null;
    }

    private static int? ParentOf(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("PPid:", StringComparison.Ordinal));
            return line is not null && int.TryParse(line[5..].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parent) ? parent : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static int? ReadInt(string path)
    {
        try
        {
            return int.TryParse(File.ReadAllText(path).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
