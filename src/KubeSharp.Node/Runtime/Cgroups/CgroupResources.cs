namespace KubeSharp.Node.Runtime.Cgroups;

/// <summary>Kubernetes resource units to cgroup v1 values, with the kubelet's constants.</summary>
public static class CgroupResources
{
    public const long MinShares = 2;
    public const long MaxShares = 262144;
    public const long SharesPerCpu = 1024;
    public const long QuotaPeriodMicros = 100_000;
    public const long MinQuotaMicros = 1000;

    /// <summary>A container with no request still gets the minimum weight, as upstream does.</summary>
    public static long SharesFromMillis(long? millis)
    {
        if (millis is null or 0)
            return MinShares;
        return Math.Clamp(millis.Value * SharesPerCpu / 1000, MinShares, MaxShares);
    }

    /// <returns>Quota in microseconds per <see cref="QuotaPeriodMicros"/>, or null for no limit.</returns>
    public static long? QuotaFromMillis(long? millis)
    {
        if (millis is null or 0)
            return null;
        return Math.Max(millis.Value * QuotaPeriodMicros / 1000, MinQuotaMicros);
    }
}
