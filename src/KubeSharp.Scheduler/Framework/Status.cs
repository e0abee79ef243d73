namespace KubeSharp.Scheduler.Framework;

public enum StatusCode
{
    Success,
    /// <summary>Does not fit now; preempting lower-priority pods might help.</summary>
    Unschedulable,
    /// <summary>Does not fit, and preemption cannot change that.</summary>
    UnschedulableAndUnresolvable,
    Error,
    /// <summary>From PreFilter or PreScore: the plugin has nothing to check for this pod.</summary>
    Skip,
}

/// <summary>The outcome of a plugin call with the reasons upstream prints in its messages. Immutable; plugins keep their rejections in static fields.</summary>
public sealed record Status(StatusCode Code, IReadOnlyList<string> Reasons, string? Plugin = null)
{
    public static readonly Status Success = new(StatusCode.Success, []);
    public static readonly Status Skip = new(StatusCode.Skip, []);

    public bool IsSuccess => Code == StatusCode.Success;
    public bool IsSkip => Code == StatusCode.Skip;
    public bool IsRejected => Code is StatusCode.Unschedulable or StatusCode.UnschedulableAndUnresolvable;

    public static Status Unschedulable(string plugin, params string[] reasons) => new(StatusCode.Unschedulable, reasons, plugin);
    public static Status Unresolvable(string plugin, params string[] reasons) => new(StatusCode.UnschedulableAndUnresolvable, reasons, plugin);
    public static Status Failure(string plugin, string message) => new(StatusCode.Error, [message], plugin);

    public string Message => string.Join(", ", Reasons);
}
