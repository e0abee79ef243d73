using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using KubeSharp.E2E.Tests.Infrastructure;

namespace KubeSharp.E2E.Tests;

/// <summary>Interactive main processes: <c>kubectl run -i/-it</c> and <c>kubectl attach</c>, on the runc node agent.</summary>
public sealed class AttachTests(ServerFixture fx) : IClassFixture<ServerFixture>
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    Kubectl K => fx.Kubectl;

    [NodeFact]
    public async Task Run_it_gives_a_shell_on_a_terminal_of_kubectl_s_size_and_returns_its_exit_code()
    {
        var ns = await fx.NamespaceAsync("runit");
        // stty sets the size of the terminal script gives kubectl; kubectl sends it on, and the container's follows.
        await using var shell = TerminalSession.Start(fx,
            $"stty cols 91 rows 27; exec {Kubectl.Binary} -n {ns} run -it --rm --restart=Never shell --image=busybox -- sh");
        await shell.WaitForAsync(new Regex("try pressing enter"));
        await shell.TypeAsync("tty; echo sum-$((40+2))\n");
        await shell.WaitForAsync(new Regex(@"/dev/(pts/\d+|console)"));
        await shell.WaitForAsync(new Regex(@"sum-42\r?\n"));
        // Asked only now: kubectl sends the size alongside the first input, which may overtake it.
        await shell.TypeAsync("stty size\n");
        await shell.WaitForAsync(new Regex(@"27 91\r?\n"));
        Assert.Equal("true true true", await K.OkAsync("-n", ns, "get", "pod", "shell", "-o", "jsonpath={.spec.containers[0].tty} {.spec.containers[0].stdin} {.spec.containers[0].stdinOnce}"));
        await shell.TypeAsync("exit 3\n");
        Assert.Equal(3, await shell.ExitAsync());
        Assert.Contains("pod \"shell\" deleted", shell.Output);
        await K.EventuallyAsync(o => o.Trim().Length == 0, Patience, "-n", ns, "get", "pods", "-o", "name");
    }

    [NodeFact]
    public async Task Run_i_without_a_terminal_feeds_piped_stdin_then_closes_it()
    {
        var ns = await fx.NamespaceAsync("runi");
        var result = await K.RunAsync(["-n", ns, "run", "-i", "--restart=Never", "reader", "--image=busybox", "--",
            "sh", "-c", "read x; echo got $x; cat; echo eof; exit 4"], "hello\nmore\n", null, Patience);
        Assert.True(result.ExitCode == 4, $"exit {result.ExitCode}: {result.Stdout} {result.Stderr}");
        Assert.Contains("got hello\nmore\neof\n", result.Stdout);
        Assert.DoesNotContain("falling back", result.Stderr);
        Assert.Equal("Failed 4", await K.OkAsync("-n", ns, "get", "pod", "reader", "-o", "jsonpath={.status.phase} {.status.containerStatuses[0].state.terminated.exitCode}"));
        Assert.Contains("got hello", await K.OkAsync("-n", ns, "logs", "reader"));
    }

    [NodeFact]
    public async Task Attach_i_sends_input_and_detaches_leaving_the_container_running()
    {
        var ns = await fx.NamespaceAsync("attachi");
        await K.ApplyAsync(Pod("lines", tty: false, "sh", "-c", "while read x; do echo line-$x; done; echo eof"), "-n", ns);
        await K.OkAsync("-n", ns, "wait", "--for=condition=Ready", "pod/lines", "--timeout=30s");
        foreach (var word in new[] { "a", "b" })
        {
            var attached = await K.RunAsync(["-n", ns, "attach", "-i", "lines"], word + "\n", null, Patience);
            Assert.True(attached.ExitCode == 0, $"exit {attached.ExitCode}: {attached.Stdout} {attached.Stderr}");
            // The line may come back before or after the client's stdin ends; the container's log has it either way.
            await K.EventuallyAsync(o => o.Contains($"line-{word}"), Patience, "-n", ns, "logs", "lines");
        }
        Assert.Equal("Running", await K.OkAsync("-n", ns, "get", "pod", "lines", "-o", "jsonpath={.status.phase}"));
        Assert.DoesNotContain("eof", await K.OkAsync("-n", ns, "logs", "lines"));
    }

    [NodeFact]
    public async Task Attach_it_reaches_a_tty_container_whose_output_is_also_in_its_logs()
    {
        var ns = await fx.NamespaceAsync("attachit");
        await K.ApplyAsync(Pod("term", tty: true, "sh"), "-n", ns);
        await K.OkAsync("-n", ns, "wait", "--for=condition=Ready", "pod/term", "--timeout=30s");

        await using (var first = TerminalSession.Start(fx, $"stty cols 77 rows 19; exec {Kubectl.Binary} -n {ns} attach -it term"))
        {
            await first.WaitForAsync(new Regex("try pressing enter"));
            await first.TypeAsync("echo attached-$((2+3))\n");
            await first.WaitForAsync(new Regex(@"attached-5\r?\n"));
            // kubectl attach sends a size one larger, then the real one, so that the screen redraws; both precede this.
            await first.TypeAsync("stty size\n");
            await first.WaitForAsync(new Regex(@"19 77\r?\n"));
            // Leaving (the terminal closes under kubectl) is a detach: the shell keeps running.
        }
        Assert.Equal("Running", await K.OkAsync("-n", ns, "get", "pod", "term", "-o", "jsonpath={.status.phase}"));
        Assert.Contains("attached-5", await K.OkAsync("-n", ns, "logs", "term"));

        await using var second = TerminalSession.Start(fx, $"exec {Kubectl.Binary} -n {ns} attach -it term");
        await second.WaitForAsync(new Regex("try pressing enter"));
        await second.TypeAsync("echo second-$((3+4)); exit 0\n");
        await second.WaitForAsync(new Regex(@"second-7\r?\n"));
        Assert.Equal(0, await second.ExitAsync());
        await K.EventuallyAsync(o => o == "Succeeded", Patience, "-n", ns, "get", "pod", "term", "-o", "jsonpath={.status.phase}");
        Assert.Contains("second-7", await K.OkAsync("-n", ns, "logs", "term"));
    }

    /// <summary>A pod whose container keeps stdin open across attach sessions (no stdinOnce).</summary>
    static string Pod(string name, bool tty, params string[] command)
    {
        var args = command.Select(a => "\"" + a.Replace("\"", "\\\"") + "\"");
        return $$"""
            apiVersion: v1
            kind: Pod
            metadata:
              name: {{name}}
            spec:
              restartPolicy: Never
              terminationGracePeriodSeconds: 1
              containers:
              - name: main
                image: busybox
                command: [{{string.Join(", ", args)}}]
                stdin: true
                tty: {{(tty ? "true" : "false")}}
            """;
    }

    /// <summary>A command run under <c>script</c>, which gives it a pseudo-terminal; input is typed, output read as it comes.</summary>
    sealed class TerminalSession : IAsyncDisposable
    {
        readonly Process _process;
        readonly StringBuilder _output = new();
        readonly Lock _gate = new();
        readonly Task _reader;

        TerminalSession(Process process)
        {
            _process = process;
            _reader = Task.Run(async () =>
            {
                var buffer = new char[4096];
                int n;
                while ((n = await process.StandardOutput.ReadAsync(buffer)) > 0)
                    lock (_gate) _output.Append(buffer, 0, n);
            });
        }

        public string Output
        {
            get { lock (_gate) return _output.ToString(); }
        }

        public static TerminalSession Start(ServerFixture fx, string command)
        {
            var psi = new ProcessStartInfo("script", ["-qefc", command, "/dev/null"])
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            psi.Environment["KUBECONFIG"] = fx.Server.KubeconfigPath;
            psi.Environment["HOME"] = fx.Server.Home;
            return new TerminalSession(Process.Start(psi)!);
        }

        public async Task TypeAsync(string text)
        {
            await _process.StandardInput.WriteAsync(text);
            await _process.StandardInput.FlushAsync();
        }

        public async Task WaitForAsync(Regex pattern)
        {
            var deadline = DateTime.UtcNow + Patience;
            while (!pattern.IsMatch(Output))
            {
                if (DateTime.UtcNow > deadline || _process.HasExited && !pattern.IsMatch(Output))
                {
                    await Task.Delay(200);
                    if (!pattern.IsMatch(Output))
                        Assert.Fail($"no {pattern} from the terminal: {Output}");
                    return;
                }
                await Task.Delay(50);
            }
        }

        public async Task<int> ExitAsync()
        {
            using var timeout = new CancellationTokenSource(Patience);
            await _process.WaitForExitAsync(timeout.Token);
            await _reader.WaitAsync(TimeSpan.FromSeconds(5));
            return _process.ExitCode;
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
                _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
            _process.Dispose();
        }
    }
}
