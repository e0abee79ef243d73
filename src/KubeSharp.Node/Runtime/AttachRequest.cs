using System.Threading.Channels;
using KubeSharp.Client.NodeStreams;

namespace KubeSharp.Node.Runtime;

/// <summary>
/// The streams of one attach session to a container's main process (CRI <c>Attach</c>); all optional. Whether the
/// process has a terminal and keeps stdin is the container's own setting (<see cref="ContainerConfig"/>).
/// </summary>
/// <param name="Stdin">Written to the process's stdin, if it has one. When it ends the session detaches, except
/// without a terminal and with <c>StdinOnce</c>: then the process's stdin ends and output follows until it exits.</param>
/// <param name="Stderr">Unused when the container has a terminal: all its output is stdout.</param>
/// <param name="Resize">Terminal size changes, for a container with a terminal.</param>
public sealed record AttachRequest(
    Stream? Stdin = null,
    Stream? Stdout = null,
    Stream? Stderr = null,
    ChannelReader<TerminalSize>? Resize = null);
