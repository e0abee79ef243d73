using System.ComponentModel;

namespace KubeSharp.Api.Model.Core;

[Description("A health check the kubelet runs against a container.")]
public sealed record Probe
{
    [ProtoEmbedded(1, 1), Description("Run a command in the container; exit code 0 is success.")]
    public ExecAction? Exec { get; init; }

    [ProtoEmbedded(1, 2), Description("Send an HTTP GET; a 2xx or 3xx status is success.")]
    public HTTPGetAction? HTTPGet { get; init; }

    [ProtoEmbedded(1, 3), Description("Open a TCP connection; connecting is success.")]
    public TCPSocketAction? TCPSocket { get; init; }

    [ProtoEmbedded(1, 4), Description("Call the gRPC health checking service.")]
    public GRPCAction? GRPC { get; init; }

    [Proto(2), Description("Seconds to wait after the container starts before probing.")]
    public int? InitialDelaySeconds { get; init; }

    [Proto(3), Description("Seconds before a probe attempt times out; 1 when unset.")]
    public int? TimeoutSeconds { get; init; }

    [Proto(4), Description("Seconds between probe attempts; 10 when unset.")]
    public int? PeriodSeconds { get; init; }

    [Proto(5), Description("Consecutive successes needed after a failure; 1 when unset.")]
    public int? SuccessThreshold { get; init; }

    [Proto(6), Description("Consecutive failures that count as failed; 3 when unset.")]
    public int? FailureThreshold { get; init; }

    [Proto(7), Description("Grace period used when a failed probe kills the container, overriding the pod's.")]
    public long? TerminationGracePeriodSeconds { get; init; }
}

[Description("Hooks the kubelet runs around a container's life.")]
public sealed record Lifecycle
{
    [Proto(1), Description("Runs right after the container is created.")]
    public LifecycleHandler? PostStart { get; init; }

    [Proto(2), Description("Runs before the container is stopped.")]
    public LifecycleHandler? PreStop { get; init; }
}

[Description("What a lifecycle hook does; one member is set.")]
public sealed record LifecycleHandler
{
    [Proto(1), Description("Run a command in the container; exit code 0 is success.")]
    public ExecAction? Exec { get; init; }

    [Proto(2), Description("Send an HTTP GET; a 2xx or 3xx status is success.")]
    public HTTPGetAction? HTTPGet { get; init; }

    [Proto(3), Description("Deprecated; accepted but does nothing.")]
    public TCPSocketAction? TCPSocket { get; init; }

    [Proto(4), Description("Wait for a number of seconds.")]
    public SleepAction? Sleep { get; init; }
}

[Description("Runs a command inside the container.")]
public sealed record ExecAction
{
    [Proto(1), ListType("atomic"), Description("Command and arguments, run without a shell.")]
    public List<string>? Command { get; init; }
}

[Description("An HTTP GET request.")]
public sealed record HTTPGetAction
{
    [Proto(1), Description("Path to request.")]
    public string? Path { get; init; }

    [Proto(2), RequiredField, Description("Port number or name to connect to.")]
    public IntOrString? Port { get; init; }

    [Proto(3), Description("Host to connect to; the pod IP when unset.")]
    public string? Host { get; init; }

    [Proto(4), Description("HTTP or HTTPS.")]
    public string? Scheme { get; init; }

    [Proto(5), ListType("atomic"), Description("Headers to send.")]
    public List<HTTPHeader>? HTTPHeaders { get; init; }
}

[Description("One HTTP header.")]
public sealed record HTTPHeader
{
    [Proto(1), RequiredField, Description("Header name.")]
    public string Name { get; init; } = "";

    [Proto(2), RequiredField, Description("Header value.")]
    public string Value { get; init; } = "";
}

[Description("A TCP connection attempt.")]
public sealed record TCPSocketAction
{
    [Proto(1), RequiredField, Description("Port number or name to connect to.")]
    public IntOrString? Port { get; init; }

    [Proto(2), Description("Host to connect to; the pod IP when unset.")]
    public string? Host { get; init; }
}

[Description("A call to the gRPC health checking protocol.")]
public sealed record GRPCAction
{
    [Proto(1), RequiredField, Description("Port of the gRPC service.")]
    public int? Port { get; init; }

    [Proto(2), Description("Service name sent in the health check request.")]
    public string? Service { get; init; }
}

[Description("Sleeps for a while.")]
public sealed record SleepAction
{
    [Proto(1), RequiredField, Description("Seconds to sleep.")]
    public long? Seconds { get; init; }
}
