using System.Globalization;
using System.Text.Json.Nodes;

namespace KubeSharp.Controllers.History;

/// <summary>The pod states workload controllers count: phase, readiness, availability and termination.</summary>
public static class PodReadiness
{
    public static string? Phase(JsonObject pod) => JsonFields.Str(pod, "status", "phase");

    public static bool IsTerminating(JsonObject pod) => pod["metadata"]?["deletionTimestamp"] is not null;

    public static bool IsFinished(JsonObject pod) => Phase(pod) is "Succeeded" or "Failed";

    public static bool IsReady(JsonObject pod) => ReadyCondition(pod) is { } c && JsonFields.Str(c, "status") == "True";

    public static bool IsRunningAndReady(JsonObject pod) => Phase(pod) == "Running" && IsReady(pod);

    /// <summary>Ready for at least <paramref name="minReadySeconds"/> as of <paramref name="now"/>.</summary>
    public static bool IsAvailable(JsonObject pod, int minReadySeconds, DateTimeOffset now) =>
        IsReady(pod) && (minReadySeconds <= 0 || ReadySince(pod) is not { } since || since.AddSeconds(minReadySeconds) <= now);

    /// <summary>How long until a ready pod becomes available; null when it is not ready or already available.</summary>
    public static TimeSpan? UntilAvailable(JsonObject pod, int minReadySeconds, DateTimeOffset now)
    {
        if (!IsReady(pod) || minReadySeconds <= 0 || ReadySince(pod) is not { } since) return null;
        var left = since.AddSeconds(minReadySeconds) - now;
        return left > TimeSpan.Zero ? left : null;
    }

    static DateTimeOffset? ReadySince(JsonObject pod) =>
        JsonFields.Str(ReadyCondition(pod), "lastTransitionTime") is { } t
        && DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;

    static JsonObject? ReadyCondition(JsonObject pod) =>
        JsonFields.Items(JsonFields.Arr(pod, "status", "conditions")).FirstOrDefault(c => JsonFields.Str(c, "type") == "Ready");
}
