using KubeSharp.Api.Resources;
using Microsoft.Extensions.Logging;

namespace KubeSharp.Client;

static partial class ClientLog
{
    [LoggerMessage(1, LogLevel.Warning, "{Resource}: list failed; retrying in {Delay}")]
    public static partial void ListFailed(this ILogger logger, GroupVersionResource resource, TimeSpan delay, Exception error);

    [LoggerMessage(2, LogLevel.Warning, "{Resource}: watch failed; retrying in {Delay}")]
    public static partial void WatchFailed(this ILogger logger, GroupVersionResource resource, TimeSpan delay, Exception error);

    [LoggerMessage(3, LogLevel.Information, "{Resource}: resource version {ResourceVersion} expired; relisting")]
    public static partial void WatchExpired(this ILogger logger, GroupVersionResource resource, string resourceVersion);

    [LoggerMessage(4, LogLevel.Error, "{Resource}: an event handler failed")]
    public static partial void HandlerFailed(this ILogger logger, GroupVersionResource resource, Exception error);

    [LoggerMessage(5, LogLevel.Error, "{Controller}: reconciling {Key} failed; requeued after back-off")]
    public static partial void ReconcileFailed(this ILogger logger, string controller, string key, Exception error);

    [LoggerMessage(6, LogLevel.Warning, "could not record event {Reason} for {Kind} {Namespace}/{Name}")]
    public static partial void EventFailed(this ILogger logger, string reason, string kind, string? @namespace, string name, Exception error);

    [LoggerMessage(7, LogLevel.Warning, "event queue full; dropped event {Reason} for {Kind} {Name}")]
    public static partial void EventDropped(this ILogger logger, string reason, string kind, string name);

    [LoggerMessage(8, LogLevel.Information, "{Identity} acquired lease {Namespace}/{Name}")]
    public static partial void LeaseAcquired(this ILogger logger, string identity, string @namespace, string name);

    [LoggerMessage(9, LogLevel.Warning, "{Identity} lost lease {Namespace}/{Name}")]
    public static partial void LeaseLost(this ILogger logger, string identity, string @namespace, string name);

    [LoggerMessage(10, LogLevel.Debug, "{Identity} could not acquire or renew lease {Namespace}/{Name}")]
    public static partial void LeaseAttemptFailed(this ILogger logger, string identity, string @namespace, string name, Exception? error);

    [LoggerMessage(11, LogLevel.Warning, "{Resource}: watch error {Code} {Reason}: {Message}; relisting")]
    public static partial void WatchErrorEvent(this ILogger logger, GroupVersionResource resource, int code, string reason, string message);

    [LoggerMessage(12, LogLevel.Debug, "too many events for {Kind} {Name}; dropped event {Reason}")]
    public static partial void EventSpamDropped(this ILogger logger, string reason, string kind, string name);
}
