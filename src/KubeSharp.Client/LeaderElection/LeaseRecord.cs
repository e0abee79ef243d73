using System.Text.Json.Nodes;
using KubeSharp.Api.Model;

namespace KubeSharp.Client.LeaderElection;

/// <summary>The spec of a coordination.k8s.io/v1 Lease as leader election uses it.</summary>
sealed record LeaseRecord(string HolderIdentity, int LeaseDurationSeconds, string? AcquireTime, string? RenewTime, int LeaseTransitions)
{
    public static LeaseRecord Read(JsonObject lease)
    {
        var spec = lease["spec"] as JsonObject;
        return new(
            spec?["holderIdentity"]?.GetValue<string>() ?? "",
            spec?["leaseDurationSeconds"]?.GetValue<int>() ?? 0,
            spec?["acquireTime"]?.GetValue<string>(),
            spec?["renewTime"]?.GetValue<string>(),
            spec?["leaseTransitions"]?.GetValue<int>() ?? 0);
    }

    public JsonObject ToSpec()
    {
        var spec = new JsonObject
        {
            ["holderIdentity"] = HolderIdentity,
            ["leaseDurationSeconds"] = LeaseDurationSeconds,
        };
        if (AcquireTime is not null) spec["acquireTime"] = AcquireTime;
        if (RenewTime is not null) spec["renewTime"] = RenewTime;
        spec["leaseTransitions"] = LeaseTransitions;
        return spec;
    }

    public static string MicroTime(DateTimeOffset t) => KubeJson.FormatMicroTime(t);

    public static int Seconds(TimeSpan t) => (int)Math.Ceiling(t.TotalSeconds);
}
