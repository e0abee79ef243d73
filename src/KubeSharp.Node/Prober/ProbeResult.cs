namespace KubeSharp.Node.Prober;

public enum ProbeResult
{
    Unknown,
    Success,
    Failure,
}

/// <summary>The result of running one probe or hook action, with what it printed or why it failed.</summary>
public sealed record ProbeOutcome(ProbeResult Result, string Message)
{
    public static ProbeOutcome Success(string message = "") => new(ProbeResult.Success, message);
    public static ProbeOutcome Failure(string message) => new(ProbeResult.Failure, message);
}

public enum ProbeType
{
    Liveness,
    Readiness,
    Startup,
}

/// <summary>The container an action runs against.</summary>
/// <param name="Ports">The container's declared ports, for named-port lookups.</param>
public sealed record ProbeTarget(string ContainerId, string? PodIp, IReadOnlyList<KubeSharp.Api.Model.Core.ContainerPort>? Ports);
