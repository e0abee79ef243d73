using System.IO.Pipelines;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using KubeSharp.Node.Runtime;
using KubeSharp.Client.NodeStreams;

namespace KubeSharp.Node.Tests.Runtime;

/// <summary>Attach to main processes with and without a terminal, on the real runc runtime.</summary>
public sealed class AttachTests
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    [RootFact]
    public async Task A_tty_main_process_has_a_terminal_that_follows_resizes_and_survives_an_agent_restart()
    {
        await using var node = await TestNode.CreateAsync();
        var pod = await node.Runtime.RunPodSandboxAsync(node.Pod("tty"), CancellationToken.None);
        var config = node.Container("shell", "sh") with { Tty = true, Stdin = true, StdinOnce = true };
        var id = await node.Runtime.CreateContainerAsync(pod.Id, config, CancellationToken.None);
        await node.Runtime.StartContainerAsync(id, CancellationToken.None);

        await using (var first = Session.Start(node.Runtime, id))
        {
            await first.ResizeAsync(100, 30);
            await first.TypeAsync("tty; echo term=$TERM; echo $((6*7)) >&2\n");
            await first.WaitForAsync(new Regex(@"/dev/(pts/\d+|console)"));
            await first.WaitForAsync(new Regex(@"term=xterm\r?\n"));
            await first.WaitForAsync(new Regex(@"42\r?\n"));
            // Sizes and input travel apart, so the size is asked for once the first input has been answered.
            await first.TypeAsync("stty size\n");
            await first.WaitForAsync(new Regex(@"30 100\r?\n"));
            await first.ResizeAsync(132, 43);
            await Task.Delay(200);
            await first.TypeAsync("stty size\n");
            await first.WaitForAsync(new Regex(@"43 132\r?\n"));
            Assert.Empty(first.Stderr);
            // The client's stdin ending detaches it (a terminal's stdin is never closed); the shell keeps running.
            await first.EndInputAsync();
            await first.Completion.WaitAsync(Patience);
        }
        Assert.Equal(ContainerState.Running, (await node.Runtime.ContainerStatusAsync(id, CancellationToken.None))!.State);

        // The waiter holds the terminal, so a new agent instance attaches to the same shell.
        var runtime = await node.ReopenAsync();
        await using (var second = Session.Start(runtime, id))
        {
            await second.TypeAsync("echo again-$((1+1)); exit 3\n");
            await second.WaitForAsync(new Regex("again-2"));
            await second.Completion.WaitAsync(Patience);
        }
        var status = await node.WaitForExitAsync(id);
        Assert.Equal(3, status.ExitCode);
        // The terminal's output is logged on stdout, as containerd logs it.
        var log = await File.ReadAllTextAsync(config.LogPath);
        Assert.Matches(new Regex(@" stdout [PF] .*again-2"), log);
        Assert.DoesNotContain(" stderr ", log);
    }

    [RootFact]
    public async Task Without_a_terminal_stdin_once_ends_the_process_stdin_when_the_first_session_s_input_ends()
    {
        await using var node = await TestNode.CreateAsync();
        var pod = await node.Runtime.RunPodSandboxAsync(node.Pod("once"), CancellationToken.None);
        var config = node.Container("reader", "sh", "-c", "read x; echo got $x; echo err-$x >&2; cat; echo eof") with { Stdin = true, StdinOnce = true };
        var id = await node.Runtime.CreateContainerAsync(pod.Id, config, CancellationToken.None);
        await node.Runtime.StartContainerAsync(id, CancellationToken.None);
        await Task.Delay(300);
        Assert.Equal(ContainerState.Running, (await node.Runtime.ContainerStatusAsync(id, CancellationToken.None))!.State);

        await using var session = Session.Start(node.Runtime, id, resize: false);
        await session.TypeAsync("hello\nrest\n");
        await session.EndInputAsync();
        // Output keeps coming after the input ended, until the process exits: stdout and stderr apart.
        await session.Completion.WaitAsync(Patience);
        Assert.Equal("got hello\nrest\neof\n", session.Stdout);
        Assert.Equal("err-hello\n", session.Stderr);
        Assert.Equal(0, (await node.WaitForExitAsync(id)).ExitCode);
    }

    [RootFact]
    public async Task Without_stdin_once_each_session_detaches_and_stdin_stays_open_for_the_next()
    {
        await using var node = await TestNode.CreateAsync();
        var pod = await node.Runtime.RunPodSandboxAsync(node.Pod("open"), CancellationToken.None);
        var config = node.Container("lines", "sh", "-c", "while read x; do echo line-$x; done; echo eof") with { Stdin = true };
        var id = await node.Runtime.CreateContainerAsync(pod.Id, config, CancellationToken.None);
        await node.Runtime.StartContainerAsync(id, CancellationToken.None);

        foreach (var word in new[] { "a", "b" })
        {
            await using var session = Session.Start(node.Runtime, id, resize: false);
            await session.TypeAsync(word + "\n");
            await session.WaitForAsync(new Regex($"line-{word}\n"));
            await session.EndInputAsync();
            await session.Completion.WaitAsync(Patience);
            Assert.DoesNotContain("eof", session.Stdout);
        }
        Assert.Equal(ContainerState.Running, (await node.Runtime.ContainerStatusAsync(id, CancellationToken.None))!.State);

        // A session without stdin only watches; leaving it changes nothing either.
        using var leave = new CancellationTokenSource();
        var output = new Capture();
        var watching = node.Runtime.AttachAsync(id, new AttachRequest(Stdout: output), leave.Token);
        await Task.Delay(200);
        Assert.False(watching.IsCompleted);
        await leave.CancelAsync();
        await watching.WaitAsync(Patience);
        Assert.Equal(ContainerState.Running, (await node.Runtime.ContainerStatusAsync(id, CancellationToken.None))!.State);
        await node.Runtime.StopContainerAsync(id, TimeSpan.FromSeconds(5), CancellationToken.None);
    }

    /// <summary>One attach session driven like a client: typed input, captured output, terminal sizes.</summary>
    sealed class Session : IAsyncDisposable
    {
        readonly Pipe _input = new();
        readonly Channel<TerminalSize> _sizes = Channel.CreateUnbounded<TerminalSize>();
        readonly Capture _stdout = new();
        readonly Capture _stderr = new();
        readonly CancellationTokenSource _leave = new();

        public Task Completion { get; private set; } = Task.CompletedTask;
        public string Stdout => _stdout.Text;
        public string Stderr => _stderr.Text;

        public static Session Start(IContainerRuntime runtime, string id, bool resize = true)
        {
            var session = new Session();
            session.Completion = runtime.AttachAsync(id,
                new AttachRequest(session._input.Reader.AsStream(), session._stdout, session._stderr, resize ? session._sizes.Reader : null),
                session._leave.Token);
            return session;
        }

        public async Task TypeAsync(string text) => await _input.Writer.WriteAsync(Encoding.UTF8.GetBytes(text));

        public Task ResizeAsync(ushort width, ushort height) => _sizes.Writer.WriteAsync(new TerminalSize(width, height)).AsTask();

        public async Task EndInputAsync() => await _input.Writer.CompleteAsync();

        public Task WaitForAsync(Regex pattern) => _stdout.WaitForAsync(pattern, Patience);

        public async ValueTask DisposeAsync()
        {
            await _leave.CancelAsync();
            await Completion.WaitAsync(Patience).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            _leave.Dispose();
        }
    }

    /// <summary>A stream that keeps what is written and lets a test wait for a pattern in it.</summary>
    sealed class Capture : Stream
    {
        readonly StringBuilder _text = new();
        readonly Lock _gate = new();

        public string Text
        {
            get { lock (_gate) return _text.ToString(); }
        }

        public async Task WaitForAsync(Regex pattern, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (!pattern.IsMatch(Text))
            {
                if (DateTime.UtcNow > deadline)
                    Assert.Fail($"no {pattern} in the output after {timeout}: {Text}");
                await Task.Delay(20);
            }
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            lock (_gate) _text.Append(Encoding.UTF8.GetString(buffer, offset, count));
        }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
