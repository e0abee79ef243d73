using System.Threading.Channels;
using KubeSharp.Client.NodeStreams;

namespace KubeSharp.Node.Runtime;

/// <summary>A command to run inside a running container, with its streams (all optional).</summary>
/// <param name="Stdin">Copied to the process until it ends; its end closes the process's stdin.</param>
/// <param name="Stderr">Unused with <paramref name="Tty"/>: a terminal merges both outputs into stdout.</param>
/// <param name="Resize">Terminal size changes (only with <paramref name="Tty"/>).</param>
public sealed record ExecRequest(
    IReadOnlyList<string> Command,
    bool Tty = false,
    Stream? Stdin = null,
    Stream? Stdout = null,
    Stream? Stderr = null,
    ChannelReader<TerminalSize>? Resize = null);
